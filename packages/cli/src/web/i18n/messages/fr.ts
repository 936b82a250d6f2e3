import type { DiagnosticMessages } from "../diagnostics.js";
import type { CheckerMessages } from "./en.js";

/** The web pages' strings in fr. */
export const fr = {
  checker: {
    pageTitle: "Vérificateur d'assistance Matrix",
    skipLink: "Aller au nom du serveur",
    intro:
      "Vérifie le fichier {path} d'un serveur Matrix\u00a0: qui contacter, si les clients web peuvent le lire et ce qu'il faut corriger.",
    formLabel: "Vérifier un serveur",
    serverLabel: "Nom du serveur",
    checkButton: "Vérifier",
    serverHelp:
      "La partie après les deux-points d'un identifiant Matrix\u00a0: pour {example}, saisissez {server}.",
    noscript:
      "Cette page a besoin de JavaScript. Le résultat brut est disponible à l'adresse {url}.",
    footer:
      "Votre navigateur récupère lui-même le fichier (ce qui montre si les clients web peuvent le lire) et le serveur de ce site le récupère aussi (il voit les en-têtes que les navigateurs masquent). Spécification\u00a0: {spec}.",
    specLink: "le point d'accès d'assistance",
    documentTitle: "{server} · Vérificateur d'assistance Matrix",
    checking: "Vérification de {server}…",
    seconds: "{seconds}\u00a0s",
    stepChecking: "vérification…",
    stepDone: "terminé",
    stepLine: "{label}\u00a0: {state}",
    fromBrowser: "Depuis votre navigateur",
    throughProbe: "Via le serveur de ce vérificateur",
    verdictWorks: "Fonctionne",
    verdictWarnings: "Fonctionne, avec des avertissements",
    verdictBroken: "Ne fonctionne pas",
    verdictNotPublished: "Non publié",
    verdictUnknown: "Vérification impossible",
    neither: "Ni votre navigateur ni le serveur du vérificateur n'ont obtenu de résultat.",
    errors: { one: "{count} erreur", other: "{count} erreurs" },
    warnings: { one: "{count} avertissement", other: "{count} avertissements" },
    contacts: { one: "{count} contact", other: "{count} contacts" },
    usableContacts: { one: "{count} contact utilisable", other: "{count} contacts utilisables" },
    toFix: "{errors} et {warnings} à corriger.",
    summaryNotFound: "{server} ne publie aucun fichier d'assistance (le serveur a répondu 404).",
    summaryUnreachable:
      "Le fichier d'assistance de {server} n'a pas pu être récupéré\u00a0: la raison est indiquée ci-dessous.",
    summaryInvalid: "{server} sert un fichier d'assistance sans rien d'utilisable.",
    summaryContacts: "{server} publie {contacts}.",
    summaryContactsAndPage: "{server} publie {contacts} et une page d'assistance.",
    summaryPage: "{server} publie une page d'assistance.",
    summaryFile: "{server} publie un fichier d'assistance.",
    twoSentences: "{first} {second}",
    announcement: "{verdict}. {summary}",
    copyJson: "Copier en JSON",
    copied: "Résultat copié en JSON.",
    copyFailed: "Copie impossible\u00a0; le lien «\u00a0JSON brut\u00a0» permet de l'ouvrir.",
    rawJson: "JSON brut",
    sourcesHeading: "Deux façons de récupérer le fichier",
    fromBrowserNote: "directement, comme le ferait un client web",
    throughProbeNote: "voit les en-têtes que les navigateurs masquent",
    probeUnreachable: "Le serveur du vérificateur n'a pas pu être joint.",
    browserFailed: "La vérification n'a pas pu s'exécuter dans ce navigateur.",
    browserBlocked: "Bloqué\u00a0: ce navigateur n'a pas pu lire le fichier.",
    sourceFound: "Fichier lu ({status}), {contacts}\u00a0; {errors}, {warnings}.",
    sourceNotFound: "{status}\u00a0: rien de publié\u00a0; {errors}, {warnings}.",
    sourceInvalid: "{status}\u00a0: rien d'utilisable dans le fichier\u00a0; {errors}, {warnings}.",
    sourceUnreachable: "Impossible de récupérer le fichier\u00a0; {errors}, {warnings}.",
    httpStatus: "HTTP {status}",
    noAnswer: "aucune réponse",
    noContacts: "Aucun contact utilisable dans le fichier.",
    noSupportPage: "Aucune page d'assistance.",
    supportPage: "Page d'assistance\u00a0: {link}",
    supportPageUnlinked: "Page d'assistance (pas une adresse web, donc sans lien)\u00a0: {value}",
    problemsHeading: "Problèmes ({count})",
    noProblems: "Aucun problème trouvé.",
    severityError: "Erreur",
    severityWarning: "Avertissement",
    severityInfo: "Remarque",
    at: "à {path}",
    atLine: "à {path}, ligne {line}, colonne {column}",
    line: "ligne {line}, colonne {column}",
    wholeDocument: "(le document entier)",
    whatSpecSays: "Ce que dit la spécification",
    corsHeading: "Les clients web peuvent-ils le lire\u00a0?",
    corsBrowserNo: "Non\u00a0: votre navigateur n'a pas pu lire le fichier.",
    corsBrowserYes: "Oui\u00a0: votre navigateur a lu le fichier directement.",
    corsOpen:
      "La réponse contient {header}, donc les clients web de n'importe quel site peuvent la lire.",
    corsMissing:
      "La réponse n'a pas d'en-tête {header}, donc les clients web ne peuvent pas la lire.",
    corsRestricted: "{header} vaut «\u00a0{value}\u00a0»\u00a0: seule cette origine peut la lire.",
    corsRedirectMissing:
      "La redirection depuis {url} n'a pas d'en-tête {header}\u00a0: les navigateurs s'arrêtent là.",
    corsUnknown: "Aucune réponse reçue, donc aucun en-tête à examiner.",
    whereHeading: "Où nous avons regardé",
    lookedAt: "Adresse consultée\u00a0: {url}",
    hop: "{status} de {from} vers {to}",
    hopNoCors: "{status} de {from} vers {to} (sans en-tête CORS)",
    answered: "Réponse HTTP {status}.",
    answeredIn: "Réponse HTTP {status} en {ms}\u00a0ms.",
    noAnswerSentence: "Aucune réponse.",
    noAnswerAfter: "Aucune réponse après {ms}\u00a0ms.",
  } satisfies CheckerMessages,
  diagnostics: {
    NOT_PUBLISHED: "Le serveur a répondu 404\u00a0: il ne publie aucune information d'assistance",
    BROWSER_BLOCKED:
      "Votre navigateur n'a pas pu lire le fichier\u00a0: la réponse (ou une redirection avant elle) n'a pas d'en-tête Access-Control-Allow-Origin, ou le serveur est injoignable (les navigateurs ne disent pas lequel des deux)",
    CORS_MISSING:
      "Pas d'en-tête Access-Control-Allow-Origin\u00a0: les clients web ne peuvent pas lire le fichier",
    CORS_RESTRICTED:
      "Access-Control-Allow-Origin vaut «\u00a0{value}\u00a0»\u00a0: les clients web d'autres origines ne peuvent pas lire le fichier",
    NO_SECURITY_CONTACT:
      "Aucun contact «\u00a0m.role.security\u00a0»\u00a0; les signalements de sécurité iront au contact d'administration général",
    NO_OFF_DOMAIN_CONTACT:
      "Tous les contacts sont sur {server_name} même\u00a0; personne n'est joignable quand le serveur est en panne",
    DNS_FAILED: "Le nom «\u00a0{host}\u00a0» ne se résout pas\u00a0: {detail}",
    CONNECT_FAILED: "Connexion impossible à {host}\u00a0: {detail}",
    TLS_CERT_EXPIRED: "Le certificat TLS de {host} a expiré",
    TLS_CERT_SELF_SIGNED:
      "Le certificat TLS de {host} est auto-signé, personne ne peut donc s'y fier",
    TLS_CERT_WRONG_NAME: "Le certificat TLS n'est pas valide pour {host}\u00a0: {detail}",
    BODY_IS_HTML: "Le serveur a répondu par une page HTML, pas par un document JSON",
    CONTENT_TYPE_NOT_JSON: "Servi en «\u00a0{type}\u00a0», pas en application/json",
    SUPPORT_PAGE_HTTP: "La page d'assistance «\u00a0{value}\u00a0» utilise http:, pas https:",
    EMPTY_DOCUMENT:
      "Le document n'a ni «\u00a0contacts\u00a0» ni «\u00a0support_page\u00a0»\u00a0; au moins l'un des deux est requis",
    ROLE_MISSING: "Le contact n'a pas de «\u00a0role\u00a0»\u00a0; il est obligatoire",
    CONTACT_UNREACHABLE:
      "Le contact n'a ni «\u00a0matrix_id\u00a0» ni «\u00a0email_address\u00a0»\u00a0; au moins l'un des deux est requis",
    PROBE_RATE_LIMITED:
      "Trop de vérifications depuis votre adresse\u00a0: réessayez dans {seconds}\u00a0s",
  } satisfies DiagnosticMessages,
};
