"""The Faust worker: app (topics, tables), agents, dead letters and start-up."""
