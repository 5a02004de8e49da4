"""What every page uses: the paged table model and tables, form dialogs, pickers, the job runner, print preview, file dialogs, message formatting."""
