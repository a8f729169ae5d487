"""The participants' room: each participant's own estimates, given from a phone."""
