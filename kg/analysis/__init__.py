"""Analyse: where the stored claims agree and disagree.

``rules`` states the conflict rules in plain Python (when two claims are comparable, which kind
of disagreement a pair of figures is); the graph builder (``kg.rdf``) keys claims with them at
load time. ``findings`` applies the rules when articles are stored and keeps the outcome in the
store. ``queries`` is the catalogue of named SPARQL queries (``queries/*.rq``) that read it.
``listing`` lists the conflicts (`kg conflicts`): from the stored findings, or live.
"""
