import type { DiagnosticMessages } from "../diagnostics.js";
import type { CheckerMessages, GeneratorMessages } from "./en.js";

/** The counts both pages show ("3 errors"). */
const errors = { one: "{count} Fehler", other: "{count} Fehler" };
const warnings = { one: "{count} Warnung", other: "{count} Warnungen" };

/** The web pages' strings in de. */
export const de = {
  checker: {
    pageTitle: "Matrix-Support-Prüfung",
    skipLink: "Zum Servernamen springen",
    intro:
      "Prüft die Datei {path} eines Matrix-Servers: wen man kontaktieren kann, ob Web-Clients sie lesen können und was zu beheben ist.",
    formLabel: "Einen Server prüfen",
    serverLabel: "Servername",
    checkButton: "Prüfen",
    serverHelp:
      "Der Teil einer Matrix-ID nach dem Doppelpunkt: Für {example} geben Sie {server} ein.",
    noscript: "Diese Seite braucht JavaScript. Das Rohergebnis steht unter {url}.",
    footer:
      "Ihr Browser ruft die Datei selbst ab (das zeigt, ob Web-Clients sie lesen dürfen), und der Server dieser Website ruft sie ebenfalls ab (er sieht die Header, die Browser verbergen). Spezifikation: {spec}.",
    specLink: "der Support-Endpunkt",
    documentTitle: "{server} · Matrix-Support-Prüfung",
    checking: "{server} wird geprüft …",
    seconds: "{seconds} s",
    stepChecking: "wird geprüft …",
    stepDone: "fertig",
    stepLine: "{label}: {state}",
    fromBrowser: "Aus Ihrem Browser",
    throughProbe: "Über den Server dieser Prüfung",
    verdictWorks: "Funktioniert",
    verdictWarnings: "Funktioniert, mit Warnungen",
    verdictBroken: "Fehlerhaft",
    verdictNotPublished: "Nicht veröffentlicht",
    verdictUnknown: "Prüfung nicht möglich",
    neither: "Weder Ihr Browser noch der Server der Prüfung hat ein Ergebnis erhalten.",
    errors,
    warnings,
    contacts: { one: "{count} Kontakt", other: "{count} Kontakte" },
    usableContacts: { one: "{count} verwendbarer Kontakt", other: "{count} verwendbare Kontakte" },
    toFix: "{errors} und {warnings} zu beheben.",
    summaryNotFound: "{server} veröffentlicht keine Support-Datei (der Server antwortete mit 404).",
    summaryUnreachable:
      "Die Support-Datei von {server} konnte nicht abgerufen werden; den Grund finden Sie unten.",
    summaryInvalid: "{server} liefert eine Support-Datei ohne verwendbaren Inhalt.",
    summaryContacts: "{server} veröffentlicht {contacts}.",
    summaryContactsAndPage: "{server} veröffentlicht {contacts} und eine Support-Seite.",
    summaryPage: "{server} veröffentlicht eine Support-Seite.",
    summaryFile: "{server} veröffentlicht eine Support-Datei.",
    twoSentences: "{first} {second}",
    announcement: "{verdict}. {summary}",
    copyJson: "Als JSON kopieren",
    copied: "Das Ergebnis wurde als JSON kopiert.",
    copyFailed: "Kopieren nicht möglich; der Link „Roh-JSON“ öffnet es.",
    rawJson: "Roh-JSON",
    sourcesHeading: "Zwei Wege zum Abruf",
    fromBrowserNote: "direkt, wie ein Web-Client",
    throughProbeNote: "sieht die Header, die Browser verbergen",
    probeUnreachable: "Der Server der Prüfung war nicht erreichbar.",
    browserFailed: "Die Prüfung konnte in diesem Browser nicht laufen.",
    browserBlocked: "Blockiert: Dieser Browser konnte die Datei nicht lesen.",
    sourceFound: "Datei gelesen ({status}), {contacts}; {errors}, {warnings}.",
    sourceNotFound: "{status}: nichts veröffentlicht; {errors}, {warnings}.",
    sourceInvalid: "{status}: nichts Verwendbares in der Datei; {errors}, {warnings}.",
    sourceUnreachable: "Datei konnte nicht abgerufen werden; {errors}, {warnings}.",
    httpStatus: "HTTP {status}",
    noAnswer: "keine Antwort",
    noContacts: "Keine verwendbaren Kontakte in der Datei.",
    noSupportPage: "Keine Support-Seite.",
    supportPage: "Support-Seite: {link}",
    supportPageUnlinked: "Support-Seite (keine Webadresse, daher nicht verlinkt): {value}",
    problemsHeading: "Probleme ({count})",
    noProblems: "Keine Probleme gefunden.",
    severityError: "Fehler",
    severityWarning: "Warnung",
    severityInfo: "Hinweis",
    at: "bei {path}",
    atLine: "bei {path}, Zeile {line}, Spalte {column}",
    line: "Zeile {line}, Spalte {column}",
    wholeDocument: "(das ganze Dokument)",
    whatSpecSays: "Was die Spezifikation sagt",
    corsHeading: "Können Web-Clients sie lesen?",
    corsBrowserNo: "Nein: Ihr Browser konnte die Datei nicht lesen.",
    corsBrowserYes: "Ja: Ihr Browser hat die Datei direkt gelesen.",
    corsOpen: "Die Antwort enthält {header}, daher können Web-Clients auf jeder Website sie lesen.",
    corsMissing: "Der Antwort fehlt der Header {header}, daher können Web-Clients sie nicht lesen.",
    corsRestricted: "{header} ist „{value}“: Nur dieser Origin darf sie lesen.",
    corsRedirectMissing:
      "Der Weiterleitung von {url} fehlt der Header {header}: Browser brechen dort ab.",
    corsUnknown: "Es kam keine Antwort, daher gibt es keine Header zu beurteilen.",
    whereHeading: "Wo wir nachgesehen haben",
    lookedAt: "Abgerufen: {url}",
    hop: "{status} von {from} nach {to}",
    hopNoCors: "{status} von {from} nach {to} (kein CORS-Header)",
    answered: "Antwort: HTTP {status}.",
    answeredIn: "Antwort: HTTP {status} in {ms} ms.",
    noAnswerSentence: "Keine Antwort.",
    noAnswerAfter: "Keine Antwort nach {ms} ms.",
  } satisfies CheckerMessages,
  generator: {
    pageTitle: "Ihre Matrix-Support-Datei schreiben",
    skipLink: "Zum Formular springen",
    intro:
      "Tragen Sie ein, an wen man sich bei Fragen zu Ihrem Matrix-Server wenden soll. Die Seite prüft jedes Feld schon beim Tippen, zeigt die genaue Datei {path} und gibt Ihnen das Snippet für Ihren Webserver. Nichts, was Sie eingeben, verlässt diesen Browser.",
    formLabel: "Support-Datei",
    serverHeading: "Ihr Server",
    serverLabel: "Servername",
    loadButton: "Veröffentlichte Datei laden",
    serverHelp:
      "Der Teil der Matrix-IDs Ihrer Nutzer nach dem Doppelpunkt: Für {example} geben Sie {server} ein. „Veröffentlichte Datei laden“ ruft die Datei ab, die dieser Server jetzt veröffentlicht, damit Sie sie hier korrigieren können.",
    contactsHeading: "Kontakte",
    contactsHelp:
      "Jeder Kontakt hat eine Rolle und eine Matrix-ID, eine E-Mail-Adresse oder beides. Dringend empfohlen sind ein Sicherheitskontakt und ein Ersatzkontakt, der erreichbar bleibt, wenn Ihr Server ausfällt (eine Adresse auf einer anderen Domain).",
    addContact: "Kontakt hinzufügen",
    pageHeading: "Eine Seite mit Hilfe",
    supportPageLabel: "Support-Seite",
    supportPageHelp:
      "Optional: eine Webseite (https), auf der Ihre Nutzer Hilfe finden. Lassen Sie das Feld leer, wenn Sie keine haben.",
    extensionsHeading: "Weitere Schlüssel, aus der geladenen Datei übernommen",
    extensionsHelp:
      "Sie werden unverändert veröffentlicht. Entfernen Sie die, die Sie nicht wollen.",
    adviceHeading: "Was zu beheben ist",
    fileHeading: "Die Datei",
    fileHelp: "Genau das wird unter {path} ausgeliefert:",
    copyJson: "JSON kopieren",
    downloadsHeading: "Herunterladen",
    showProblems: "Probleme anzeigen",
    webRootLabel: "Web-Root (für apache.conf)",
    webRootHelp:
      "Das Verzeichnis auf Ihrem Webserver, das {directory} enthält: apache.conf liefert die Support-Datei von dort aus.",
    footer:
      "Auf Privatsphäre ausgelegt: Was Sie eingeben, bleibt in dieser Seite und ihrer Adresse (nach dem {hash}, den Browser nie an einen Server senden). So können Sie einen Entwurf als Lesezeichen speichern oder teilen. Nur „Veröffentlichte Datei laden“ ruft etwas ab. Spezifikation: {spec}.",
    specLink: "der Support-Endpunkt",
    contactLegend: "Kontakt {n}",
    roleLabel: "Rolle",
    roleOption: "{label} ({role})",
    proposedRoles: "Vorgeschlagene Rollen (noch nicht in der Spezifikation)",
    proposedRole: "{label} ({role}; {msc})",
    proposedRoleUnstable: "{label} ({role}; {msc}, vorläufiger Name)",
    customRole: "Eine eigene Rolle (mit Namensraum) …",
    customLabel: "Eigene Kennung",
    roleHelp:
      "Wofür dieser Kontakt zuständig ist. Eine eigene Rolle braucht einen Namensraum, z. B. org.example.role.abuse.",
    matrixIdLabel: "Matrix-ID",
    matrixIdHelp:
      "Ein Nutzer, dem man schreiben kann, z. B. @admin:example.org (auch auf einem anderen Server).",
    emailLabel: "E-Mail-Adresse",
    emailHelp: "Nur die Adresse, z. B. admin@example.org.",
    pgpKeyLabel: "PGP-Schlüssel",
    pgpKeyHelp:
      "Optional (MSC4439, noch nicht in der Spezifikation): ein Link zum öffentlichen Schlüssel dieses Kontakts, nie der Schlüssel selbst.",
    moveUp: "Nach oben",
    moveDown: "Nach unten",
    remove: "Entfernen",
    dropKeys: "Diese Schlüssel verwerfen",
    buttonForContact: "{button} (Kontakt {n})",
    removeContactName: "{button} (Kontakt {n})",
    removeKeyName: "{button} (Schlüssel {key})",
    keptKeys: "Ebenfalls veröffentlicht, aus der geladenen Datei übernommen:",
    unshowable: "(ein Wert, der sich nicht anzeigen lässt)",
    severityError: "Fehler",
    severityWarning: "Warnung",
    severityInfo: "Hinweis",
    hint: "Tipp: {hint}",
    whatSpecSays: "Was die Spezifikation sagt",
    errors,
    warnings,
    summaryReady: "Keine Probleme: bereit zum Veröffentlichen.",
    summaryNothing:
      "Noch nichts zu veröffentlichen: Fügen Sie einen Kontakt oder eine Support-Seite hinzu.",
    summaryCounts: "{errors} und {warnings}.",
    errorsAtFields: "Fehler werden an ihren Feldern angezeigt.",
    twoSentences: "{first} {second}",
    nothingToPublish:
      "Noch nichts zu veröffentlichen: Ohne Kontakt und ohne Support-Seite muss der Server mit 404 antworten, nie mit 200 {}.",
    addFirst: "Fügen Sie zuerst einen Kontakt oder eine Support-Seite hinzu.",
    fixTheError:
      "Beheben Sie zuerst den Fehler: matrix-support export lehnt eine Konfiguration mit Fehlern ab, diese Seite ebenso.",
    fixErrors:
      "Beheben Sie zuerst die {errors}: matrix-support export lehnt eine Konfiguration mit Fehlern ab, diese Seite ebenso.",
    downloadsReady:
      "Fertig. Jede Datei ist Byte für Byte das, was matrix-support export für diese Konfiguration schreibt.",
    downloadCaption: "{label}.",
    labelSupport: "Die Support-Datei",
    labelConfig: "Die Konfiguration für matrix-support",
    useSupport:
      "Veröffentlichen Sie sie unter /.well-known/matrix/support auf dem Host Ihres Servernamens, als JSON mit CORS.",
    useConfig:
      "Für matrix-support serve und export; bewahren Sie sie auf, um die Datei später zu ändern.",
    useNginx: "In den server { }-Block des Servernamens einbinden.",
    useCaddy: "In Ihren Site-Block einfügen (oder importieren).",
    useApache:
      "In Ihren <VirtualHost> einbinden; liefert die Support-Datei aus dem Web-Root unten aus.",
    useHeaders:
      "Ins Wurzelverzeichnis der Website neben .well-known/ legen (mit der Support-Datei).",
    useTuwunel:
      "In die Konfiguration von tuwunel übernehmen: Der Homeserver liefert die Datei dann selbst aus.",
    useConduwuit: "In die Konfiguration von continuwuity (oder conduwuit) übernehmen.",
    webRootEmpty: "Der Web-Root ist leer: Geben Sie den absoluten Pfad Ihres Web-Roots an.",
    webRootRelative:
      "Der Web-Root muss ein absoluter Pfad sein, nicht „{root}“ (z. B. /var/www/html).",
    webRootControl:
      "Der Web-Root enthält ein Steuerzeichen (einen Zeilenumbruch?): Geben Sie einen einfachen Pfad an.",
    fieldNoProblems: "{field}: keine Probleme.",
    fieldProblems: "{field}: {problems}",
    thisField: "Dieses Feld",
    notValid: "ungültig",
    contactAdded: "Kontakt {n} hinzugefügt.",
    contactMoved: "Kontakt {from} ist jetzt Kontakt {to}.",
    contactRemoved: "Kontakt {n} entfernt. {left}",
    contactsLeft: { one: "{count} bleibt.", other: "{count} bleiben." },
    keysDropped: "Kontakt {n}: Die übernommenen Schlüssel sind verworfen.",
    keyRemoved: "Schlüssel {key} entfernt.",
    errorsShown: {
      one: "{count} Fehler an seinem Feld angezeigt.",
      other: "{count} Fehler an ihren Feldern angezeigt.",
    },
    copied: "JSON kopiert.",
    copyFailed: "Kopieren nicht möglich: Markieren Sie stattdessen den Text der Datei.",
    fragmentUnreadable:
      "Der Entwurf in diesem Link ließ sich nicht lesen (vielleicht ist er abgeschnitten): Stattdessen wird ein neuer Entwurf angezeigt.",
    typeServerFirst: "Geben Sie zuerst den Servernamen ein.",
    loading: "Lade, was {server} veröffentlicht …",
    loadedTitle: "Geladen, was {server} jetzt veröffentlicht",
    readByBrowser: "Von {url}, von Ihrem Browser gelesen.",
    readByProbe:
      "Von {url}, vom Server dieser Website gelesen (Ihr Browser durfte die Datei nicht lesen).",
    loadedNext:
      "Das Formular unten enthält sie jetzt: Beheben Sie, was markiert ist. Ihr vorheriger Entwurf liegt einen Schritt zurück im Verlauf Ihres Browsers.",
    loadedAnnouncement:
      "Die Support-Datei von {server} ist ins Formular geladen: {errors} und {warnings} anzusehen.",
    notFoundTitle: "{server} veröffentlicht noch keine Support-Datei",
    notFoundText:
      "{url} antwortete mit 404. Füllen Sie das Formular aus, um eine zu schreiben; es ist unverändert.",
    nothingTitle: "Von {server} gibt es nichts zu laden",
    nothingWithProbe:
      "Weder Ihr Browser noch der Server dieser Website konnte dort eine Support-Datei lesen; das Formular ist unverändert.",
    nothingBrowserOnly:
      "Ihr Browser konnte dort keine Support-Datei lesen; das Formular ist unverändert. Ein Browser darf sie nur lesen, wenn der Server es erlaubt (Access-Control-Allow-Origin: *); matrix-support check im Terminal hat diese Grenze nicht.",
    upgraded:
      "Die Datei verwendete Namen aus Entwürfen vor der Spezifikation, umbenannt wie bei matrix-support init --from: {renames}.",
    renamedKey: '"{from}" -> "{to}"',
    renamedRole: 'Rolle "{from}" -> "{to}"',
    listSeparator: ", ",
    leftOut: "Weggelassen (falscher Typ für ein Textfeld): {paths}.",
    liveProblems: "Was an der veröffentlichten Datei falsch war ({count})",
  } satisfies GeneratorMessages,
  diagnostics: {
    NOT_PUBLISHED: "Der Server antwortete mit 404: Er veröffentlicht keine Support-Informationen",
    BROWSER_BLOCKED:
      "Ihr Browser konnte die Datei nicht lesen: Der Antwort (oder einer Weiterleitung davor) fehlt der Header Access-Control-Allow-Origin, oder der Server war nicht erreichbar (Browser verraten nicht, was davon zutrifft)",
    CORS_MISSING:
      "Kein Header Access-Control-Allow-Origin: Browser-Clients können die Datei nicht lesen",
    CORS_RESTRICTED:
      "Access-Control-Allow-Origin ist „{value}“: Web-Clients auf anderen Origins können die Datei nicht lesen",
    NO_SECURITY_CONTACT:
      "Kein Kontakt mit „m.role.security“; Sicherheitsmeldungen gehen an den allgemeinen Admin-Kontakt",
    NO_OFF_DOMAIN_CONTACT:
      "Alle Kontakte liegen auf {server_name} selbst; fällt der Server aus, ist niemand erreichbar",
    DNS_FAILED: "Der Name „{host}“ lässt sich nicht auflösen: {detail}",
    CONNECT_FAILED: "Keine Verbindung zu {host}: {detail}",
    TLS_CERT_EXPIRED: "Das TLS-Zertifikat von {host} ist abgelaufen",
    TLS_CERT_SELF_SIGNED:
      "Das TLS-Zertifikat von {host} ist selbst signiert, daher kann ihm niemand vertrauen",
    TLS_CERT_WRONG_NAME: "Das TLS-Zertifikat gilt nicht für {host}: {detail}",
    BODY_IS_HTML: "Der Server antwortete mit einer HTML-Seite statt mit einem JSON-Dokument",
    CONTENT_TYPE_NOT_JSON: "Ausgeliefert als „{type}“, nicht als application/json",
    SUPPORT_PAGE_HTTP: "Die Support-Seite „{value}“ verwendet http: statt https:",
    EMPTY_DOCUMENT:
      "Das Dokument enthält weder „contacts“ noch „support_page“; mindestens eines ist erforderlich",
    ROLE_MISSING: "Der Kontakt hat keine „role“; sie ist erforderlich",
    CONTACT_UNREACHABLE:
      "Der Kontakt hat weder „matrix_id“ noch „email_address“; mindestens eines ist erforderlich",
    PROBE_RATE_LIMITED:
      "Zu viele Prüfungen von Ihrer Adresse: Versuchen Sie es in {seconds} s erneut",
    EMAIL_MAILTO: "„{value}“ hat das Präfix „mailto:“; das Feld enthält nur die Adresse",
    DUPLICATE_CONTACT: "Dieser Kontakt wiederholt Kontakt {first}",
  } satisfies DiagnosticMessages,
};
