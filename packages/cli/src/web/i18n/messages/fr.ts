import type { DiagnosticMessages } from "../diagnostics.js";
import type { CheckerMessages, GeneratorMessages } from "./en.js";

/** The counts both pages show ("3 errors"). */
const errors = { one: "{count} erreur", other: "{count} erreurs" };
const warnings = { one: "{count} avertissement", other: "{count} avertissements" };

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
    errors,
    warnings,
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
  generator: {
    pageTitle: "Rédiger votre fichier d'assistance Matrix",
    skipLink: "Aller au formulaire",
    intro:
      "Indiquez qui contacter au sujet de votre serveur Matrix. La page vérifie chaque champ pendant la saisie, affiche le fichier {path} exact et vous donne l'extrait de configuration pour votre serveur web. Rien de ce que vous saisissez ne quitte ce navigateur.",
    formLabel: "Fichier d'assistance",
    serverHeading: "Votre serveur",
    serverLabel: "Nom du serveur",
    loadButton: "Charger le fichier publié",
    serverHelp:
      "La partie après les deux-points des identifiants Matrix de vos utilisateurs\u00a0: pour {example}, saisissez {server}. «\u00a0Charger le fichier publié\u00a0» récupère le fichier que ce serveur publie actuellement, pour que vous puissiez le corriger ici.",
    contactsHeading: "Contacts",
    contactsHelp:
      "Chaque contact a un rôle et un identifiant Matrix, une adresse e-mail, ou les deux. Un contact de sécurité et un contact de secours joignable quand votre serveur est en panne (une adresse sur un autre domaine) sont vivement recommandés.",
    addContact: "Ajouter un contact",
    pageHeading: "Une page d'aide",
    supportPageLabel: "Page d'assistance",
    supportPageHelp:
      "Facultatif\u00a0: une page web (https) où vos utilisateurs trouvent de l'aide. Laissez vide si vous n'en avez pas.",
    extensionsHeading: "Autres clés, conservées du fichier chargé",
    extensionsHelp: "Publiées telles quelles. Supprimez celles dont vous ne voulez pas.",
    adviceHeading: "À corriger",
    fileHeading: "Le fichier",
    fileHelp: "Exactement ce que servira {path}\u00a0:",
    copyJson: "Copier le JSON",
    downloadsHeading: "Télécharger",
    showProblems: "Afficher les problèmes",
    webRootLabel: "Racine web (pour apache.conf)",
    webRootHelp:
      "Le dossier de votre serveur web qui contient {directory}\u00a0: apache.conf sert le fichier d'assistance depuis cet endroit.",
    footer:
      "Confidentiel par conception\u00a0: ce que vous saisissez reste dans cette page et dans son adresse (après le {hash}, que les navigateurs n'envoient jamais à un serveur), vous pouvez donc garder un brouillon en favori ou le partager. Seul «\u00a0Charger le fichier publié\u00a0» récupère quelque chose. Spécification\u00a0: {spec}.",
    specLink: "le point d'accès d'assistance",
    contactLegend: "Contact {n}",
    roleLabel: "Rôle",
    roleOption: "{label} ({role})",
    proposedRoles: "Rôles proposés (pas encore dans la spécification)",
    proposedRole: "{label} ({role}\u00a0; {msc})",
    proposedRoleUnstable: "{label} ({role}\u00a0; {msc}, nom provisoire)",
    customRole: "Un rôle à vous (avec espace de noms)…",
    customLabel: "Identifiant personnalisé",
    roleHelp:
      "À quoi sert ce contact. Votre propre rôle doit avoir un espace de noms, par exemple org.example.role.abuse.",
    matrixIdLabel: "Identifiant Matrix",
    matrixIdHelp:
      "Un utilisateur à qui écrire, par exemple @admin:example.org (il peut être sur un autre serveur).",
    emailLabel: "Adresse e-mail",
    emailHelp: "L'adresse seule, par exemple admin@example.org.",
    pgpKeyLabel: "Clé PGP",
    pgpKeyHelp:
      "Facultatif (MSC4439, pas encore dans la spécification)\u00a0: un lien vers la clé publique de ce contact, jamais la clé elle-même.",
    moveUp: "Monter",
    moveDown: "Descendre",
    remove: "Supprimer",
    dropKeys: "Abandonner ces clés",
    buttonForContact: "{button} (contact {n})",
    removeContactName: "{button} le contact {n}",
    removeKeyName: "{button} la clé {key}",
    keptKeys: "Également publié, conservé du fichier chargé\u00a0:",
    unshowable: "(une valeur impossible à afficher)",
    severityError: "erreur",
    severityWarning: "avertissement",
    severityInfo: "info",
    hint: "Conseil\u00a0: {hint}",
    whatSpecSays: "Ce que dit la spécification",
    errors,
    warnings,
    summaryReady: "Aucun problème\u00a0: prêt à publier.",
    summaryNothing:
      "Rien à publier pour l'instant\u00a0: ajoutez un contact ou une page d'assistance.",
    summaryCounts: "{errors} et {warnings}.",
    errorsAtFields: "Les erreurs sont indiquées à côté de leurs champs.",
    twoSentences: "{first} {second}",
    nothingToPublish:
      "Rien à publier pour l'instant\u00a0: sans contact ni page d'assistance, le serveur doit répondre 404, jamais 200 {}.",
    addFirst: "Ajoutez d'abord un contact ou une page d'assistance.",
    fixTheError:
      "Corrigez d'abord l'erreur\u00a0: matrix-support export refuse une configuration qui contient des erreurs, et cette page aussi.",
    fixErrors:
      "Corrigez d'abord les {errors}\u00a0: matrix-support export refuse une configuration qui contient des erreurs, et cette page aussi.",
    downloadsReady:
      "Prêt. Chaque fichier est, octet pour octet, ce que matrix-support export écrit pour cette configuration.",
    downloadCaption: "{label}.",
    labelSupport: "Le fichier d'assistance",
    labelConfig: "La configuration de matrix-support",
    useSupport:
      "À publier à /.well-known/matrix/support sur l'hôte de votre nom de serveur, en JSON avec CORS.",
    useConfig:
      "Pour matrix-support serve et export\u00a0; gardez-la pour modifier le fichier plus tard.",
    useNginx: "À inclure dans le bloc server { } du nom de serveur.",
    useCaddy: "À coller (ou importer) dans le bloc de votre site.",
    useApache:
      "À inclure dans votre <VirtualHost>\u00a0; il sert le fichier d'assistance depuis la racine web ci-dessous.",
    useHeaders:
      "À placer à la racine du site, à côté de .well-known/ (avec le fichier d'assistance).",
    useTuwunel:
      "À fusionner dans la configuration de tuwunel\u00a0: le serveur d'accueil sert alors le fichier lui-même.",
    useConduwuit: "À fusionner dans la configuration de continuwuity (ou de conduwuit).",
    webRootEmpty: "La racine web est vide\u00a0: indiquez le chemin absolu de votre racine web.",
    webRootRelative:
      "La racine web doit être un chemin absolu, pas «\u00a0{root}\u00a0» (par exemple /var/www/html).",
    webRootControl:
      "La racine web contient un caractère de contrôle (un saut de ligne\u00a0?)\u00a0: indiquez un chemin simple.",
    fieldNoProblems: "{field}\u00a0: aucun problème.",
    fieldProblems: "{field}\u00a0: {problems}",
    thisField: "Ce champ",
    notValid: "non valide",
    contactAdded: "Contact {n} ajouté.",
    contactMoved: "Le contact {from} est maintenant le contact {to}.",
    contactRemoved: "Contact {n} supprimé. {left}",
    contactsLeft: { one: "Il en reste {count}.", other: "Il en reste {count}." },
    keysDropped: "Contact {n}\u00a0: les clés conservées sont abandonnées.",
    keyRemoved: "Clé {key} supprimée.",
    errorsShown: {
      one: "{count} erreur affichée à côté de son champ.",
      other: "{count} erreurs affichées à côté de leurs champs.",
    },
    copied: "JSON copié.",
    copyFailed: "Copie impossible\u00a0: sélectionnez plutôt le texte du fichier.",
    fragmentUnreadable:
      "Le brouillon de ce lien n'a pas pu être lu (il a peut-être été tronqué)\u00a0: un nouveau brouillon est affiché à la place.",
    typeServerFirst: "Saisissez d'abord le nom du serveur.",
    loading: "Chargement de ce que publie {server}…",
    loadedTitle: "Chargé\u00a0: ce que {server} publie actuellement",
    readByBrowser: "Depuis {url}, lu par votre navigateur.",
    readByProbe:
      "Depuis {url}, lu par le serveur de ce site (votre navigateur n'avait pas le droit de le lire).",
    loadedNext:
      "Le formulaire ci-dessous le contient maintenant\u00a0: corrigez ce qui est signalé. Votre brouillon précédent est une étape en arrière dans l'historique de votre navigateur.",
    loadedAnnouncement:
      "Le fichier d'assistance de {server} est chargé dans le formulaire\u00a0: {errors} et {warnings} à examiner.",
    notFoundTitle: "{server} ne publie pas encore de fichier d'assistance",
    notFoundText:
      "{url} a répondu 404. Remplissez le formulaire pour en rédiger un\u00a0; il n'a pas changé.",
    nothingTitle: "Rien à charger depuis {server}",
    nothingWithProbe:
      "Ni votre navigateur ni le serveur de ce site n'ont pu y lire un fichier d'assistance\u00a0; le formulaire n'a pas changé.",
    nothingBrowserOnly:
      "Votre navigateur n'a pas pu y lire de fichier d'assistance\u00a0; le formulaire n'a pas changé. Un navigateur ne peut le lire que si le serveur l'autorise (Access-Control-Allow-Origin: *)\u00a0; matrix-support check, dans un terminal, n'a pas cette limite.",
    upgraded:
      "Il utilisait des noms de brouillons antérieurs à la spécification, renommés comme le fait matrix-support init --from\u00a0: {renames}.",
    renamedKey: '"{from}" -> "{to}"',
    renamedRole: 'rôle "{from}" -> "{to}"',
    listSeparator: ", ",
    leftOut: "Laissé de côté (mauvais type pour un champ texte)\u00a0: {paths}.",
    liveProblems: "Ce qui n'allait pas dans le fichier publié ({count})",
  } satisfies GeneratorMessages,
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
    EMAIL_MAILTO:
      "«\u00a0{value}\u00a0» a un préfixe «\u00a0mailto:\u00a0»\u00a0; le champ contient l'adresse seule",
    DUPLICATE_CONTACT: "Ce contact répète le contact {first}",
  } satisfies DiagnosticMessages,
};
