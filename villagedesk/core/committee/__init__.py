"""The village committees (两委 and 村务监督委员会): terms, posts, training and appraisal."""
