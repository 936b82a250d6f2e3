import type { DiagnosticMessages } from "../diagnostics.js";
import type { CheckerMessages } from "./en.js";

/** The web pages' strings in es. */
export const es = {
  checker: {
    pageTitle: "Comprobador de soporte de Matrix",
    skipLink: "Saltar al nombre del servidor",
    intro:
      "Comprueba el archivo {path} de un servidor Matrix: a quién contactar, si los clientes web pueden leerlo y qué hay que corregir.",
    formLabel: "Comprobar un servidor",
    serverLabel: "Nombre del servidor",
    checkButton: "Comprobar",
    serverHelp:
      "La parte después de los dos puntos de un ID de Matrix: para {example}, escribe {server}.",
    noscript: "Esta página necesita JavaScript. El resultado sin procesar está en {url}.",
    footer:
      "Tu navegador descarga el archivo por sí mismo (lo que demuestra si los clientes web pueden leerlo) y el servidor de este sitio también lo descarga (y ve las cabeceras que los navegadores ocultan). Especificación: {spec}.",
    specLink: "el punto de acceso de soporte",
    documentTitle: "{server} · Comprobador de soporte de Matrix",
    checking: "Comprobando {server}…",
    seconds: "{seconds} s",
    stepChecking: "comprobando…",
    stepDone: "hecho",
    stepLine: "{label}: {state}",
    fromBrowser: "Desde tu navegador",
    throughProbe: "A través del servidor de este comprobador",
    verdictWorks: "Funciona",
    verdictWarnings: "Funciona, con advertencias",
    verdictBroken: "No funciona",
    verdictNotPublished: "No publicado",
    verdictUnknown: "No se pudo comprobar",
    neither: "Ni tu navegador ni el servidor del comprobador obtuvieron un resultado.",
    errors: { one: "{count} error", other: "{count} errores" },
    warnings: { one: "{count} advertencia", other: "{count} advertencias" },
    contacts: { one: "{count} contacto", other: "{count} contactos" },
    usableContacts: { one: "{count} contacto utilizable", other: "{count} contactos utilizables" },
    toFix: "{errors} y {warnings} por corregir.",
    summaryNotFound: "{server} no publica ningún archivo de soporte (el servidor respondió 404).",
    summaryUnreachable:
      "No se pudo descargar el archivo de soporte de {server}: más abajo se explica por qué.",
    summaryInvalid: "{server} sirve un archivo de soporte sin nada utilizable.",
    summaryContacts: "{server} publica {contacts}.",
    summaryContactsAndPage: "{server} publica {contacts} y una página de soporte.",
    summaryPage: "{server} publica una página de soporte.",
    summaryFile: "{server} publica un archivo de soporte.",
    twoSentences: "{first} {second}",
    announcement: "{verdict}. {summary}",
    copyJson: "Copiar como JSON",
    copied: "Resultado copiado como JSON.",
    copyFailed: "No se pudo copiar; el enlace «JSON sin procesar» lo abre.",
    rawJson: "JSON sin procesar",
    sourcesHeading: "Dos formas de descargarlo",
    fromBrowserNote: "directamente, como lo haría un cliente web",
    throughProbeNote: "ve las cabeceras que los navegadores ocultan",
    probeUnreachable: "No se pudo contactar con el servidor del comprobador.",
    browserFailed: "La comprobación no pudo ejecutarse en este navegador.",
    browserBlocked: "Bloqueado: este navegador no pudo leer el archivo.",
    sourceFound: "Archivo leído ({status}), {contacts}; {errors}, {warnings}.",
    sourceNotFound: "{status}: nada publicado; {errors}, {warnings}.",
    sourceInvalid: "{status}: nada utilizable en el archivo; {errors}, {warnings}.",
    sourceUnreachable: "No se pudo descargar el archivo; {errors}, {warnings}.",
    httpStatus: "HTTP {status}",
    noAnswer: "sin respuesta",
    noContacts: "No hay contactos utilizables en el archivo.",
    noSupportPage: "No hay página de soporte.",
    supportPage: "Página de soporte: {link}",
    supportPageUnlinked:
      "Página de soporte (no es una dirección web, así que no se enlaza): {value}",
    problemsHeading: "Problemas ({count})",
    noProblems: "No se encontraron problemas.",
    severityError: "Error",
    severityWarning: "Advertencia",
    severityInfo: "Nota",
    at: "en {path}",
    atLine: "en {path}, línea {line}, columna {column}",
    line: "línea {line}, columna {column}",
    wholeDocument: "(todo el documento)",
    whatSpecSays: "Qué dice la especificación",
    corsHeading: "¿Pueden leerlo los clientes web?",
    corsBrowserNo: "No: tu navegador no pudo leer el archivo.",
    corsBrowserYes: "Sí: tu navegador leyó el archivo directamente.",
    corsOpen:
      "La respuesta incluye {header}, así que los clientes web de cualquier sitio pueden leerla.",
    corsMissing:
      "La respuesta no tiene la cabecera {header}, así que los clientes web no pueden leerla.",
    corsRestricted: "{header} es «{value}»: solo ese origen puede leerla.",
    corsRedirectMissing:
      "La redirección desde {url} no tiene la cabecera {header}: los navegadores se detienen ahí.",
    corsUnknown: "No llegó ninguna respuesta, así que no hay cabeceras que evaluar.",
    whereHeading: "Dónde buscamos",
    lookedAt: "Consultado: {url}",
    hop: "{status} de {from} a {to}",
    hopNoCors: "{status} de {from} a {to} (sin cabecera CORS)",
    answered: "Respondió HTTP {status}.",
    answeredIn: "Respondió HTTP {status} en {ms} ms.",
    noAnswerSentence: "Sin respuesta.",
    noAnswerAfter: "Sin respuesta tras {ms} ms.",
  } satisfies CheckerMessages,
  diagnostics: {
    NOT_PUBLISHED: "El servidor respondió 404: no publica información de soporte",
    BROWSER_BLOCKED:
      "Tu navegador no pudo leer el archivo: la respuesta (o una redirección anterior) no tiene la cabecera Access-Control-Allow-Origin, o no se pudo contactar con el servidor (los navegadores no dicen cuál de las dos)",
    CORS_MISSING:
      "Falta la cabecera Access-Control-Allow-Origin: los clientes web no pueden leer el archivo",
    CORS_RESTRICTED:
      "Access-Control-Allow-Origin es «{value}»: los clientes web de otros orígenes no pueden leer el archivo",
    NO_SECURITY_CONTACT:
      "No hay contacto «m.role.security»; los informes de seguridad irán al contacto general de administración",
    NO_OFF_DOMAIN_CONTACT:
      "Todos los contactos están en el propio {server_name}; nadie estará localizable cuando el servidor esté caído",
    DNS_FAILED: "El nombre «{host}» no se resuelve: {detail}",
    CONNECT_FAILED: "No se pudo conectar con {host}: {detail}",
    TLS_CERT_EXPIRED: "El certificado TLS de {host} ha caducado",
    TLS_CERT_SELF_SIGNED:
      "El certificado TLS de {host} está autofirmado, así que nadie puede confiar en él",
    TLS_CERT_WRONG_NAME: "El certificado TLS no es válido para {host}: {detail}",
    BODY_IS_HTML: "El servidor respondió con una página HTML, no con un documento JSON",
    CONTENT_TYPE_NOT_JSON: "Servido como «{type}», no como application/json",
    SUPPORT_PAGE_HTTP: "La página de soporte «{value}» usa http:, no https:",
    EMPTY_DOCUMENT:
      "El documento no tiene ni «contacts» ni «support_page»; se necesita al menos uno",
    ROLE_MISSING: "El contacto no tiene «role»; es obligatorio",
    CONTACT_UNREACHABLE:
      "El contacto no tiene ni «matrix_id» ni «email_address»; se necesita al menos uno",
    PROBE_RATE_LIMITED:
      "Demasiadas comprobaciones desde tu dirección: vuelve a intentarlo en {seconds} s",
  } satisfies DiagnosticMessages,
};
