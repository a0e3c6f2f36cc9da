"""`kg serve`: a SPARQL 1.1 endpoint over a kg store.

The package is split by concern: ``sparqltext`` (lexical checks on SPARQL text),
``negotiation`` (media types), ``results`` (serialising results), ``workers``
(query execution in killable processes), ``updates`` (validated SPARQL Update),
``discovery`` (how `kg load` finds a running server), ``app`` (the HTTP routes).
Importing this package is cheap: the web stack is imported by ``kg.server.app`` only.
"""
