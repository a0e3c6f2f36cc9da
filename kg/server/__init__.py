"""`kg serve`: a SPARQL 1.1 endpoint over a kg store.

The package is split by concern: ``negotiation`` (media types), ``results``
(serialising results), ``workers`` (query execution in killable processes),
``updates`` (validated SPARQL Update), ``app`` (the HTTP routes). What a request asks
for, read from its parse (``kg.stores.sparqlparse``), and how `kg load` finds a running server
(``kg.stores.discovery``) belong to the stores, which this package serves.
Importing this package is cheap: the web stack is imported by ``kg.server.app`` only.
"""
