/*
 * imedia-widgets.js: the embeddable widgets of an imedia programme space.
 *
 * One script, no framework, no build step, no request to anyone but the space's own server.
 * It defines four web components (Shadow DOM, themable with CSS custom properties):
 *
 *   <imedia-recherche>   the guided path: a person's question, in their words -> answers
 *   <imedia-retours>     the "vous avez dit, nous avons fait" feed
 *   <imedia-contribuer>  a contribution form (anonymous where the space allows it)
 *   <imedia-phase>       a phase of the participation cycle and its resources
 *
 * Each talks to the space's GraphQL endpoint: attribute `graphql` (the endpoint's URL) or
 * `espace` (the space's address, e.g. https://imedia.example.org/t/rsa94/). The host page's
 * origin must be one of the space's allowed sites (CORS). Server content is never inserted as
 * HTML: text goes through textContent, and sanitised rich text is rebuilt element by element
 * from a short allow-list. See docs/widgets.md.
 */
(() => {
  "use strict";

  // The script's own address (where its stylesheet lives), also when it was loaded without a
  // current script (by a tag manager, say): then the first <script> pointing at this file.
  const script = document.currentScript || document.querySelector("script[src*='imedia-widgets.js']");
  const scriptUrl = script && script.src ? new URL(script.src, document.baseURI) : null;
  const STYLESHEET = scriptUrl ? new URL("imedia-widgets.css", scriptUrl).href : null;

  const KINDS = [
    { value: "QUESTION", key: "question", label: "Question" },
    { value: "OBSERVATION", key: "constat", label: "Constat" },
    { value: "PROPOSAL", key: "proposition", label: "Proposition" },
    { value: "TESTIMONY", key: "temoignage", label: "Témoignage" },
  ];
  const KIND_LABELS = Object.fromEntries(KINDS.map((kind) => [kind.value, kind.label]));
  const DECISIONS = {
    UNDER_STUDY: "À l'étude",
    ACCEPTED: "Acceptée",
    PARTLY_ACCEPTED: "Acceptée en partie",
    DECLINED: "Refusée",
  };
  const RESOURCE_KINDS = {
    METHOD: "Méthode",
    TOOL: "Outil",
    GUIDE: "Guide",
    DOCUMENT: "Document",
    VIDEO: "Vidéo",
    LINK: "Lien",
    TEMPLATE: "Modèle",
    TESTIMONY: "Témoignage",
  };
  const FIELD_LABELS = { title: "Titre", body: "Message", kind: "Type de contribution" };
  // Attributes that set the theme (checked colours only), for hosts that cannot write CSS
  // (the iframe pages pass them from their query string).
  const THEME_ATTRIBUTES = {
    "couleur-accent": "--imedia-couleur-accent",
    "couleur-texte": "--imedia-couleur-texte",
    "couleur-fond": "--imedia-couleur-fond",
  };
  const COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
  const RICH_TAGS = new Set(["P", "BR", "STRONG", "EM", "B", "I", "UL", "OL", "LI", "A", "BLOCKQUOTE"]);

  let counter = 0;

  class WidgetError extends Error {}

  /** A DOM element: `props.text` sets its text, `on<event>` adds a listener, others are attributes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** `value` as an absolute http(s) URL (relative ones against `base`), else null. */
  function safeUrl(value, base) {
    if (!value) return null;
    try {
      const url = new URL(value, base);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /** A link that opens in a new window, saying so to screen-reader users. */
  function outLink(href, text) {
    return el(
      "a",
      { href, target: "_blank", rel: "noopener noreferrer" },
      text,
      el("span", { class: "invisible", text: " (nouvelle fenêtre)" }),
    );
  }

  /** Sanitised rich text from the server, rebuilt from an allow-list of elements (links:
   *  http(s) only, opened in a new window); anything else keeps its text only. */
  function richText(html, base) {
    const parsed = new DOMParser().parseFromString(String(html || ""), "text/html");
    const fragment = document.createDocumentFragment();
    const copy = (source, target) => {
      for (const child of source.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          target.append(child.textContent);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (!RICH_TAGS.has(child.tagName)) {
            copy(child, target);
            continue;
          }
          if (child.tagName === "A") {
            const href = safeUrl(child.getAttribute("href"), base);
            if (!href) {
              copy(child, target);
              continue;
            }
            const link = el("a", { href, target: "_blank", rel: "noopener noreferrer" });
            copy(child, link);
            link.append(el("span", { class: "invisible", text: " (nouvelle fenêtre)" }));
            target.append(link);
            continue;
          }
          const copyElement = el(child.tagName.toLowerCase());
          copy(child, copyElement);
          target.append(copyElement);
        }
      }
    };
    copy(parsed.body, fragment);
    return fragment;
  }

  function frenchDate(value) {
    if (!value) return "";
    const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
    if (Number.isNaN(date.getTime())) return "";
    return date.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
  }

  function plural(count, one, many) {
    return `${count} ${count > 1 ? many : one}`;
  }

  async function graphql(endpoint, query, variables) {
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ query, variables: variables || {} }),
      });
    } catch (error) {
      throw new WidgetError(
        "Le service de participation ne répond pas à ce site. Réessayez plus tard ; si cela dure, " +
          "prévenez l'équipe du site (ce site doit être autorisé par le programme).",
      );
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch (error) {
      payload = null;
    }
    if (payload && payload.error && payload.error.message) throw new WidgetError(payload.error.message);
    if (payload && payload.errors && payload.errors.length) {
      throw new WidgetError(payload.errors[0].message || "La demande a été refusée.");
    }
    if (!payload || !payload.data) {
      throw new WidgetError(`Réponse inattendue du service de participation (HTTP ${response.status}).`);
    }
    return payload.data;
  }

  /** What the four widgets share: the shadow root and its stylesheet, the endpoint, the
   *  heading level, one polite live region for news and one assertive for errors. */
  class ImediaWidget extends HTMLElement {
    constructor() {
      super();
      counter += 1;
      this.uid = `imedia-${counter}`;
      this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
      if (this.started) return;
      this.started = true;
      for (const [attribute, property] of Object.entries(THEME_ATTRIBUTES)) {
        const value = (this.setting(attribute) || "").trim();
        if (COLOUR.test(value)) this.style.setProperty(property, value);
      }
      if (STYLESHEET) this.shadowRoot.append(el("link", { rel: "stylesheet", href: STYLESHEET }));
      this.box = el("section", { class: "imedia", part: "conteneur", "aria-labelledby": this.id("titre") });
      this.news = el("p", { class: "annonce", role: "status" });
      this.alarm = el("p", { class: "erreur", role: "alert" });
      this.shadowRoot.append(this.box);
      this.start();
    }

    id(name) {
      return `${this.uid}-${name}`;
    }

    /** A setting: the attribute `name`, or `data-name` for hosts whose editors keep only those. */
    setting(name) {
      const value = this.getAttribute(name);
      return value !== null ? value : this.getAttribute(`data-${name}`);
    }

    get endpoint() {
      const explicit = this.setting("graphql");
      if (explicit) return new URL(explicit, document.baseURI).href;
      const space = this.setting("espace");
      if (space) {
        const url = new URL(space, document.baseURI);
        if (!url.pathname.endsWith("/")) url.pathname += "/";
        return new URL("graphql/", url).href;
      }
      return new URL("/graphql/", scriptUrl || document.baseURI).href;
    }

    /** Where the space's own links (files) are resolved. */
    get base() {
      return this.endpoint;
    }

    get level() {
      const level = Number.parseInt(this.setting("niveau-titre") || "2", 10);
      return level >= 1 && level <= 6 ? level : 2;
    }

    count(fallback) {
      const value = Number.parseInt(this.setting("nombre") || "", 10);
      return value >= 1 && value <= 20 ? value : fallback;
    }

    heading(text, depth = 0, props = {}) {
      return el(`h${Math.min(6, this.level + depth)}`, props, text);
    }

    title(fallback) {
      return this.heading((this.setting("titre") || "").trim() || fallback, 0, { id: this.id("titre") });
    }

    query(text, variables) {
      let endpoint;
      try {
        endpoint = this.endpoint;
      } catch (error) {
        return Promise.reject(new WidgetError("L'adresse de l'espace (attribut espace ou graphql) n'est pas valide."));
      }
      return graphql(endpoint, text, variables);
    }

    announce(text) {
      this.alarm.textContent = "";
      this.news.textContent = text;
    }

    fail(text) {
      this.news.textContent = "";
      this.alarm.textContent = text;
    }

    busy(on, text) {
      this.box.setAttribute("aria-busy", on ? "true" : "false");
      if (on && text) this.announce(text);
    }
  }

  // --- <imedia-recherche> -------------------------------------------------------------------

  const SEARCH = `query WidgetRecherche($text: String!, $first: Int) {
    guidanceMatch(text: $text, first: $first, record: true) {
      status
      matches {
        question {
          text answer
          phases { title }
          resources { title summary kind externalUrl files { name url } }
          followUps { text }
          contribute { kind prompt }
        }
      }
    }
  }`;

  class Recherche extends ImediaWidget {
    start() {
      this.input = el("input", {
        id: this.id("q"),
        type: "search",
        name: "q",
        required: true,
        maxlength: 300,
        autocomplete: "off",
        "aria-describedby": this.id("aide"),
      });
      this.button = el("button", { type: "submit", text: "Chercher" });
      this.form = el(
        "form",
        { role: "search", "aria-labelledby": this.id("titre"), novalidate: true, onsubmit: (event) => this.submit(event) },
        el("label", { for: this.id("q"), text: "Votre question, avec vos mots" }),
        el("p", { id: this.id("aide"), class: "aide", text: "Par exemple : comment faire entendre mon avis ?" }),
        el("div", { class: "ligne" }, this.input, this.button),
      );
      this.results = el("div", { class: "resultats" });
      this.box.append(this.title("Une question ? Trouvez votre chemin"), this.form, this.news, this.alarm, this.results);
    }

    submit(event) {
      event.preventDefault();
      this.search(this.input.value.trim());
    }

    async search(text) {
      if (!text) {
        this.fail("Écrivez votre question avant de chercher.");
        this.input.setAttribute("aria-invalid", "true");
        this.input.focus();
        return;
      }
      this.input.removeAttribute("aria-invalid");
      this.button.disabled = true;
      this.busy(true, "Recherche en cours…");
      try {
        const data = await this.query(SEARCH, { text, first: this.count(5) });
        this.show(data.guidanceMatch);
      } catch (error) {
        this.results.replaceChildren();
        this.fail(error.message);
      } finally {
        this.button.disabled = false;
        this.busy(false);
      }
    }

    show(result) {
      const matches = result.matches || [];
      if (result.status === "TOO_VAGUE") {
        this.results.replaceChildren();
        this.announce("Précisez votre question : quelques mots de plus aident à trouver la bonne réponse.");
        return;
      }
      if (!matches.length) {
        this.results.replaceChildren(this.invitation());
        this.announce("Aucune question ne correspond encore à la vôtre. Vous pouvez la poser au programme.");
        return;
      }
      const list = el("ol", { class: "liste" });
      for (const { question } of matches) list.append(el("li", {}, this.match(question)));
      this.results.replaceChildren(list);
      this.announce(`${plural(matches.length, "réponse trouvée", "réponses trouvées")} pour votre question.`);
    }

    match(question) {
      const article = el("article", { class: "carte" }, this.heading(question.text, 1));
      if (question.answer) article.append(el("div", { class: "texte" }, richText(question.answer, this.base)));
      if (question.phases.length) {
        article.append(el("p", { class: "meta" }, `Étape : ${question.phases.map((phase) => phase.title).join(", ")}`));
      }
      if (question.resources.length) {
        article.append(
          el("p", { class: "sous-titre", text: "Pour aller plus loin" }),
          el("ul", {}, question.resources.map((resource) => el("li", {}, resourceLink(resource, this.base)))),
        );
      }
      if (question.followUps.length) {
        const buttons = question.followUps.map((next) =>
          el("li", {}, el("button", { type: "button", class: "lien", onclick: () => this.follow(next.text) }, next.text)),
        );
        article.append(el("p", { class: "sous-titre", text: "Questions voisines" }), el("ul", {}, buttons));
      }
      if (question.contribute) article.append(this.invitation(question.contribute.prompt));
      return article;
    }

    follow(text) {
      this.input.value = text;
      this.input.focus();
      this.search(text);
    }

    invitation(prompt) {
      const link = safeUrl(this.setting("lien-contribuer"), document.baseURI);
      const text = prompt || "Votre question n'a pas encore de réponse : posez-la au programme.";
      return el("p", { class: "invitation" }, text, link ? [" ", outLink(link, "Contribuer")] : null);
    }
  }

  function resourceLink(resource, base) {
    const href = safeUrl(resource.externalUrl, base) || safeUrl(resource.files && resource.files[0] && resource.files[0].url, base);
    const kind = RESOURCE_KINDS[resource.kind] || "Ressource";
    const name = href ? outLink(href, resource.title) : el("span", { class: "nom", text: resource.title });
    return [el("span", { class: "etiquette", text: kind }), " ", name, resource.summary ? el("span", { class: "resume", text: ` — ${resource.summary}` }) : null];
  }

  // --- <imedia-retours> ---------------------------------------------------------------------

  const FEED = `query WidgetRetours($first: Int, $after: String) {
    youSaidWeDid(first: $first, after: $after) {
      edges { node {
        title submittedAt currentDecision
        contribution { kind authorLabel }
        responses { decisionLabel textPlain responderLabel publishedAt }
        commitments { title statusLabel progress dueDate isOverdue }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  class Retours extends ImediaWidget {
    start() {
      this.list = el("ol", { class: "liste" });
      this.more = el("button", { type: "button", hidden: true, onclick: () => this.load(), text: "Afficher plus de retours" });
      this.box.append(this.title("Vous avez dit, nous avons fait"), this.news, this.alarm, this.list, this.more);
      this.cursor = null;
      this.shown = 0;
      this.load();
    }

    async load() {
      this.more.disabled = true;
      this.busy(true, this.shown ? "Chargement de la suite…" : "Chargement des retours…");
      try {
        const data = await this.query(FEED, { first: this.count(5), after: this.cursor });
        const feed = data.youSaidWeDid;
        const items = feed.edges.map((edge) => this.item(edge.node));
        this.list.append(...items);
        const first = this.shown === 0;
        this.shown += items.length;
        this.cursor = feed.pageInfo.endCursor;
        this.more.hidden = !feed.pageInfo.hasNextPage;
        if (!this.shown) this.announce("Aucun retour publié pour l'instant.");
        else this.announce(`${plural(this.shown, "retour affiché", "retours affichés")}.`);
        if (!first && items.length) items[0].querySelector("article").focus();
      } catch (error) {
        this.fail(error.message);
      } finally {
        this.more.disabled = false;
        this.busy(false);
      }
    }

    item(node) {
      const kind = KIND_LABELS[node.contribution.kind] || "Contribution";
      const article = el(
        "article",
        { class: "carte", tabindex: "-1" },
        this.heading(node.title, 1),
        el("p", { class: "meta" }, `${kind} de ${node.contribution.authorLabel}, le ${frenchDate(node.submittedAt)}`),
      );
      if (node.currentDecision) {
        article.append(el("p", {}, el("span", { class: "etiquette", text: DECISIONS[node.currentDecision] || node.currentDecision })));
      }
      for (const response of node.responses) {
        article.append(
          el(
            "blockquote",
            { class: "reponse" },
            el("p", {}, response.textPlain),
            el("p", { class: "meta" }, `Réponse de ${response.responderLabel}${response.publishedAt ? `, le ${frenchDate(response.publishedAt)}` : ""}`),
          ),
        );
      }
      if (node.commitments.length) {
        article.append(
          el("p", { class: "sous-titre", text: "Ce que nous faisons" }),
          el(
            "ul",
            {},
            node.commitments.map((commitment) =>
              el(
                "li",
                {},
                el("strong", { text: commitment.title }),
                ` — ${commitment.statusLabel}, avancement ${commitment.progress} %, échéance le ${frenchDate(commitment.dueDate)}`,
                commitment.isOverdue ? " (en retard)" : "",
              ),
            ),
          ),
        );
      }
      return el("li", {}, article);
    }
  }

  // --- <imedia-contribuer> ------------------------------------------------------------------

  const SETTINGS = `query WidgetContribuer($slug: String!, $withPhase: Boolean!) {
    participationSettings { allowAnonymous }
    phase(slug: $slug) @include(if: $withPhase) { id title }
  }`;
  const SUBMIT = `mutation WidgetContribution($input: ContributionSubmitInput!) {
    contributionSubmit(input: $input) {
      contribution { status }
      errors { field code message }
    }
  }`;

  class Contribuer extends ImediaWidget {
    async start() {
      this.box.append(this.title("Contribuer"), this.news, this.alarm);
      const slug = (this.setting("phase") || "").trim();
      this.busy(true, "Chargement du formulaire…");
      let data;
      try {
        data = await this.query(SETTINGS, { slug, withPhase: Boolean(slug) });
      } catch (error) {
        this.fail(error.message);
        return;
      } finally {
        this.busy(false);
      }
      this.announce("");
      if (!data.participationSettings.allowAnonymous) {
        this.closed();
        return;
      }
      this.phase = data.phase || null;
      this.form();
    }

    closed() {
      const link =
        safeUrl(this.setting("lien-connexion"), document.baseURI) ||
        safeUrl(this.setting("espace"), document.baseURI);
      this.box.append(
        el(
          "p",
          { class: "invitation" },
          "Ce programme ne reçoit pas de contributions anonymes : pour contribuer, connectez-vous sur le site du programme.",
          link ? [" ", outLink(link, "Se connecter pour contribuer")] : null,
        ),
      );
    }

    form() {
      const fixed = KINDS.find((kind) => kind.key === (this.setting("type") || "").trim());
      this.fields = {};
      this.errors = {};
      const described = (name) => this.id(`${name}-erreur`);
      const errorLine = (name) => {
        this.errors[name] = el("p", { class: "erreur-champ", id: described(name) });
        return this.errors[name];
      };
      let kindPart;
      if (fixed) {
        this.fixedKind = fixed.value;
        kindPart = el("p", { class: "meta", text: `Type de contribution : ${fixed.label}` });
      } else {
        const radios = KINDS.map((kind, index) =>
          el(
            "div",
            { class: "choix" },
            el("input", {
              type: "radio",
              name: "kind",
              id: this.id(`kind-${kind.key}`),
              value: kind.value,
              checked: index === 0,
            }),
            el("label", { for: this.id(`kind-${kind.key}`), text: kind.label }),
          ),
        );
        kindPart = el(
          "fieldset",
          { "aria-describedby": described("kind") },
          el("legend", { text: "Type de contribution" }),
          radios,
          errorLine("kind"),
        );
      }
      this.fields.title = el("input", {
        id: this.id("title"),
        name: "title",
        type: "text",
        required: true,
        maxlength: 200,
        autocomplete: "off",
        "aria-describedby": `${this.id("title-aide")} ${described("title")}`,
      });
      this.fields.body = el("textarea", {
        id: this.id("body"),
        name: "body",
        rows: 5,
        maxlength: 5000,
        "aria-describedby": described("body"),
      });
      // A honeypot: invisible and unreachable for people, filled in by robots.
      this.trap = el("input", { id: this.id("website"), name: "website", type: "text", tabindex: "-1", autocomplete: "off" });
      this.button = el("button", { type: "submit", text: "Envoyer ma contribution" });
      this.formElement = el(
        "form",
        { novalidate: true, "aria-labelledby": this.id("titre"), onsubmit: (event) => this.submit(event) },
        el("p", { class: "aide", text: "Votre contribution est anonyme : n'y écrivez pas votre nom ni vos coordonnées." }),
        this.phase ? el("p", { class: "meta", text: `Étape : ${this.phase.title}` }) : null,
        kindPart,
        el(
          "div",
          { class: "champ" },
          el("label", { for: this.id("title"), text: "Titre (obligatoire)" }),
          el("p", { class: "aide", id: this.id("title-aide"), text: "En une phrase, 200 caractères au plus." }),
          this.fields.title,
          errorLine("title"),
        ),
        el(
          "div",
          { class: "champ" },
          el("label", { for: this.id("body"), text: "Votre message (facultatif)" }),
          this.fields.body,
          errorLine("body"),
        ),
        el("div", { class: "piege", "aria-hidden": "true" }, el("label", { for: this.id("website"), text: "Ne pas remplir" }), this.trap),
        this.button,
      );
      this.done = el("p", { class: "succes", tabindex: "-1", hidden: true });
      this.box.append(this.formElement, this.done);
    }

    kind() {
      if (this.fixedKind) return this.fixedKind;
      const checked = this.formElement.querySelector("input[name=kind]:checked");
      return checked ? checked.value : null;
    }

    clearErrors() {
      for (const [name, line] of Object.entries(this.errors)) {
        line.textContent = "";
        if (this.fields[name]) this.fields[name].removeAttribute("aria-invalid");
      }
    }

    showErrors(errors) {
      let first = null;
      const general = [];
      for (const error of errors) {
        const line = this.errors[error.field];
        if (line) {
          line.textContent = error.message;
          const field = this.fields[error.field] || this.formElement.querySelector("input[name=kind]");
          if (this.fields[error.field]) this.fields[error.field].setAttribute("aria-invalid", "true");
          first = first || field;
        } else {
          general.push(error.message);
        }
      }
      const summary = errors.map((error) => (FIELD_LABELS[error.field] ? `${FIELD_LABELS[error.field]} : ${error.message}` : error.message));
      this.fail(`Votre contribution n'est pas envoyée. ${summary.join(" ")}`);
      if (first) first.focus();
      else this.button.focus();
      return general;
    }

    async submit(event) {
      event.preventDefault();
      this.clearErrors();
      this.done.hidden = true;
      const title = this.fields.title.value.trim();
      if (!title) {
        this.showErrors([{ field: "title", message: "Donnez un titre à votre contribution." }]);
        return;
      }
      const input = {
        kind: this.kind(),
        title,
        body: this.fields.body.value.trim(),
        authorKind: "ANONYMOUS",
        website: this.trap.value,
      };
      if (this.phase) input.phaseId = this.phase.id;
      this.button.disabled = true;
      this.busy(true, "Envoi en cours…");
      try {
        const data = await this.query(SUBMIT, { input });
        const result = data.contributionSubmit;
        if (result.errors && result.errors.length) {
          this.showErrors(result.errors);
          return;
        }
        const published = result.contribution && result.contribution.status === "PUBLISHED";
        this.formElement.reset();
        this.done.textContent = published
          ? "Merci ! Votre contribution est publiée."
          : "Merci ! Votre contribution est bien reçue : elle sera publiée après relecture.";
        this.done.hidden = false;
        this.announce("");  // the confirmation takes the focus: screen readers read it there
        this.done.focus();
      } catch (error) {
        this.fail(error.message);
        this.button.focus();
      } finally {
        this.button.disabled = false;
        this.busy(false);
      }
    }
  }

  // --- <imedia-phase> -----------------------------------------------------------------------

  const PHASE_FIELDS = `title summary startsOn endsOn isCurrent
    stakes { title summary } objectives { title summary } methods { title summary } vigilancePoints { title summary }
    resources { note resource { title summary kind externalUrl files { name url } } }`;
  const PHASE = `query WidgetPhase($slug: String!) { phase(slug: $slug) { ${PHASE_FIELDS} } }`;
  const CURRENT = `query WidgetPhaseEnCours { cycle { currentPhase { ${PHASE_FIELDS} } } }`;

  class Phase extends ImediaWidget {
    async start() {
      this.content = el("div", { class: "contenu" });
      this.titleElement = this.title("Étape du parcours");
      this.box.append(this.titleElement, this.news, this.alarm, this.content);
      const slug = (this.setting("phase") || "").trim();
      this.busy(true, "Chargement de l'étape…");
      try {
        const data = slug ? await this.query(PHASE, { slug }) : await this.query(CURRENT);
        const phase = slug ? data.phase : data.cycle && data.cycle.currentPhase;
        if (!phase) {
          this.announce(slug ? "Cette étape est introuvable." : "Aucune étape n'est en cours.");
          return;
        }
        this.announce("");
        this.show(phase);
      } catch (error) {
        this.fail(error.message);
      } finally {
        this.busy(false);
      }
    }

    show(phase) {
      if (!(this.setting("titre") || "").trim()) this.titleElement.textContent = phase.title;
      const dates = [];
      if (phase.startsOn) dates.push(`du ${frenchDate(phase.startsOn)}`);
      if (phase.endsOn) dates.push(`au ${frenchDate(phase.endsOn)}`);
      const parts = [];
      if (phase.isCurrent) parts.push(el("p", {}, el("span", { class: "etiquette", text: "Étape en cours" })));
      if (dates.length) parts.push(el("p", { class: "meta", text: `Dates : ${dates.join(" ")}` }));
      if (phase.summary) parts.push(el("p", { text: phase.summary }));
      const sections = [
        ["Enjeux", phase.stakes],
        ["Objectifs", phase.objectives],
        ["Méthodes", phase.methods],
        ["Points de vigilance", phase.vigilancePoints],
      ];
      for (const [label, items] of sections) {
        if (!items.length) continue;
        parts.push(
          this.heading(label, 1),
          el(
            "ul",
            {},
            items.map((item) => el("li", {}, el("strong", { text: item.title }), item.summary ? ` — ${item.summary}` : "")),
          ),
        );
      }
      if (phase.resources.length) {
        parts.push(
          this.heading("Ressources", 1),
          el(
            "ul",
            {},
            phase.resources.map((link) =>
              el("li", {}, resourceLink(link.resource, this.base), link.note ? el("span", { class: "resume", text: ` (${link.note})` }) : null),
            ),
          ),
        );
      }
      this.content.replaceChildren(...parts);
    }
  }

  const COMPONENTS = {
    "imedia-recherche": Recherche,
    "imedia-retours": Retours,
    "imedia-contribuer": Contribuer,
    "imedia-phase": Phase,
  };
  for (const [name, component] of Object.entries(COMPONENTS)) {
    if (!customElements.get(name)) customElements.define(name, component);
  }
})();
