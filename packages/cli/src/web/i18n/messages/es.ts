import type { DiagnosticMessages } from "../diagnostics.js";
import type { CheckerMessages, GeneratorMessages } from "./en.js";

/** The counts both pages show ("3 errors"). */
const errors = { one: "{count} error", other: "{count} errores" };
const warnings = { one: "{count} advertencia", other: "{count} advertencias" };

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
    errors,
    warnings,
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
  generator: {
    pageTitle: "Escribe tu archivo de soporte de Matrix",
    skipLink: "Saltar al formulario",
    intro:
      "Indica a quién debe contactar la gente sobre tu servidor Matrix. La página comprueba cada campo mientras escribes, muestra el archivo {path} exacto y te da el fragmento de configuración para tu servidor web. Nada de lo que escribes sale de este navegador.",
    formLabel: "Archivo de soporte",
    serverHeading: "Tu servidor",
    serverLabel: "Nombre del servidor",
    loadButton: "Cargar lo publicado",
    serverHelp:
      "La parte después de los dos puntos de los ID de Matrix de tus usuarios: para {example}, escribe {server}. «Cargar lo publicado» descarga el archivo que este servidor publica ahora, para que puedas corregirlo aquí.",
    contactsHeading: "Contactos",
    contactsHelp:
      "Cada contacto tiene un rol y un ID de Matrix, una dirección de correo o ambos. Se recomienda mucho un contacto de seguridad y uno de respaldo al que se pueda llegar cuando tu servidor no funcione (una dirección en otro dominio).",
    addContact: "Añadir contacto",
    pageHeading: "Una página de ayuda",
    supportPageLabel: "Página de soporte",
    supportPageHelp:
      "Opcional: una página web (https) donde tus usuarios encuentran ayuda. Déjalo vacío si no tienes ninguna.",
    extensionsHeading: "Otras claves, conservadas del archivo cargado",
    extensionsHelp: "Se publican tal como estaban. Quita las que no quieras.",
    adviceHeading: "Qué corregir",
    fileHeading: "El archivo",
    fileHelp: "Exactamente lo que servirá {path}:",
    copyJson: "Copiar el JSON",
    downloadsHeading: "Descargar",
    showProblems: "Mostrar los problemas",
    webRootLabel: "Raíz web (para apache.conf)",
    webRootHelp:
      "El directorio de tu servidor web que contiene {directory}: apache.conf sirve el archivo de soporte desde ahí.",
    footer:
      "Privado por diseño: lo que escribes se queda en esta página y en su dirección (después del {hash}, que los navegadores nunca envían a un servidor), así que puedes guardar un borrador en marcadores o compartirlo. Solo «Cargar lo publicado» descarga algo. Especificación: {spec}.",
    specLink: "el punto de acceso de soporte",
    contactLegend: "Contacto {n}",
    roleLabel: "Rol",
    roleOption: "{label} ({role})",
    proposedRoles: "Roles propuestos (aún no están en la especificación)",
    proposedRole: "{label} ({role}; {msc})",
    proposedRoleUnstable: "{label} ({role}; {msc}, nombre provisional)",
    customRole: "Un rol propio (con espacio de nombres)…",
    customLabel: "Identificador propio",
    roleHelp:
      "Para qué es este contacto. Tu propio rol debe tener espacio de nombres, p. ej. org.example.role.abuse.",
    matrixIdLabel: "ID de Matrix",
    matrixIdHelp:
      "Un usuario al que se puede escribir, p. ej. @admin:example.org (puede estar en otro servidor).",
    emailLabel: "Correo electrónico",
    emailHelp: "Solo la dirección, p. ej. admin@example.org.",
    pgpKeyLabel: "Clave PGP",
    pgpKeyHelp:
      "Opcional (MSC4439, aún no está en la especificación): un enlace a la clave pública de este contacto, nunca la clave en sí.",
    moveUp: "Subir",
    moveDown: "Bajar",
    remove: "Quitar",
    dropKeys: "Descartar estas claves",
    buttonForContact: "{button} (contacto {n})",
    removeContactName: "{button} el contacto {n}",
    removeKeyName: "{button} la clave {key}",
    keptKeys: "También se publica, conservado del archivo cargado:",
    unshowable: "(un valor que no se puede mostrar)",
    severityError: "error",
    severityWarning: "advertencia",
    severityInfo: "nota",
    hint: "Sugerencia: {hint}",
    whatSpecSays: "Qué dice la especificación",
    errors,
    warnings,
    summaryReady: "Sin problemas: listo para publicar.",
    summaryNothing: "Aún no hay nada que publicar: añade un contacto o una página de soporte.",
    summaryCounts: "{errors} y {warnings}.",
    errorsAtFields: "Los errores se muestran junto a sus campos.",
    twoSentences: "{first} {second}",
    nothingToPublish:
      "Aún no hay nada que publicar: sin contactos ni página de soporte, el servidor debe responder 404, nunca 200 {}.",
    addFirst: "Primero añade un contacto o una página de soporte.",
    fixTheError:
      "Primero corrige el error: matrix-support export rechaza una configuración con errores, y esta página también.",
    fixErrors:
      "Primero corrige los {errors}: matrix-support export rechaza una configuración con errores, y esta página también.",
    downloadsReady:
      "Listo. Cada archivo es, byte a byte, lo que matrix-support export escribe para esta configuración.",
    downloadCaption: "{label}.",
    labelSupport: "El archivo de soporte",
    labelConfig: "La configuración de matrix-support",
    useSupport:
      "Publícalo en /.well-known/matrix/support en el host de tu nombre de servidor, como JSON con CORS.",
    useConfig: "Para matrix-support serve y export; guárdala para editar el archivo más adelante.",
    useNginx: "Inclúyelo dentro del bloque server { } del nombre de servidor.",
    useCaddy: "Pégalo (o impórtalo) dentro del bloque de tu sitio.",
    useApache:
      "Inclúyelo dentro de tu <VirtualHost>; sirve el archivo de soporte desde la raíz web de abajo.",
    useHeaders: "Ponlo en la raíz del sitio, junto a .well-known/ (con el archivo de soporte).",
    useTuwunel:
      "Combínalo con la configuración de tuwunel: así el servidor doméstico sirve el archivo por sí mismo.",
    useConduwuit: "Combínalo con la configuración de continuwuity (o de conduwuit).",
    webRootEmpty: "La raíz web está vacía: indica la ruta absoluta de tu raíz web.",
    webRootRelative: "La raíz web debe ser una ruta absoluta, no «{root}» (p. ej. /var/www/html).",
    webRootControl:
      "La raíz web contiene un carácter de control (¿un salto de línea?): indica una ruta simple.",
    fieldNoProblems: "{field}: sin problemas.",
    fieldProblems: "{field}: {problems}",
    thisField: "Este campo",
    notValid: "no válido",
    contactAdded: "Contacto {n} añadido.",
    contactMoved: "El contacto {from} ahora es el contacto {to}.",
    contactRemoved: "Contacto {n} quitado. {left}",
    contactsLeft: { one: "Queda {count}.", other: "Quedan {count}." },
    keysDropped: "Contacto {n}: se descartaron las claves conservadas.",
    keyRemoved: "Se quitó la clave {key}.",
    errorsShown: {
      one: "{count} error mostrado junto a su campo.",
      other: "{count} errores mostrados junto a sus campos.",
    },
    copied: "JSON copiado.",
    copyFailed: "No se pudo copiar: selecciona el texto del archivo.",
    fragmentUnreadable:
      "No se pudo leer el borrador de este enlace (puede que esté cortado): se muestra un borrador nuevo.",
    typeServerFirst: "Primero escribe el nombre del servidor.",
    loading: "Cargando lo que publica {server}…",
    loadedTitle: "Cargado lo que publica {server} ahora",
    readByBrowser: "Desde {url}, leído por tu navegador.",
    readByProbe:
      "Desde {url}, leído por el servidor de este sitio (tu navegador no tenía permiso para leerlo).",
    loadedNext:
      "El formulario de abajo lo contiene ahora: corrige lo que está marcado. Tu borrador anterior está un paso atrás en el historial del navegador.",
    loadedAnnouncement:
      "Se cargó el archivo de soporte de {server} en el formulario: {errors} y {warnings} por revisar.",
    notFoundTitle: "{server} todavía no publica un archivo de soporte",
    notFoundText: "{url} respondió 404. Rellena el formulario para escribir uno; no ha cambiado.",
    nothingTitle: "No hay nada que cargar de {server}",
    nothingWithProbe:
      "Ni tu navegador ni el servidor de este sitio pudieron leer ahí un archivo de soporte; el formulario no ha cambiado.",
    nothingBrowserOnly:
      "Tu navegador no pudo leer ahí un archivo de soporte; el formulario no ha cambiado. Un navegador solo puede leerlo si el servidor lo permite (Access-Control-Allow-Origin: *); matrix-support check, desde una terminal, no tiene ese límite.",
    upgraded:
      "Usaba nombres de borradores anteriores a la especificación, renombrados como lo hace matrix-support init --from: {renames}.",
    renamedKey: '"{from}" -> "{to}"',
    renamedRole: 'rol "{from}" -> "{to}"',
    listSeparator: ", ",
    leftOut: "Omitido (tipo incorrecto para un campo de texto): {paths}.",
    liveProblems: "Lo que estaba mal en el archivo publicado ({count})",
  } satisfies GeneratorMessages,
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
    EMAIL_MAILTO: "«{value}» tiene el prefijo «mailto:»; el campo contiene solo la dirección",
    DUPLICATE_CONTACT: "Este contacto repite el contacto {first}",
  } satisfies DiagnosticMessages,
};
