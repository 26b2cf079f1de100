/*
 * Starts GraphiQL on the page of imedia's GraphQL endpoint (templates/graphiql/index.html).
 * A static file, not an inline script, so the page runs under a Content-Security-Policy
 * without 'unsafe-inline'. Queries go to the endpoint the page was served from (same origin);
 * add an `Authorization: Bearer …` header in the headers editor to act as a person or API key.
 */
(function () {
  "use strict";
  var container = document.getElementById("graphiql");
  var fetcher = GraphiQL.createFetcher({ url: container.dataset.endpoint });
  var root = ReactDOM.createRoot(container);
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultQuery: "# Interrogez l'API de cet espace, par exemple :\n{\n  tenant {\n    name\n    territory\n  }\n}\n",
    })
  );
})();
