import type { Messages } from "./en.js";

export const it = {
  eyebrow: "Assistenza del server Matrix",
  title: "Assistenza per {server}",
  titleNoServer: "Assistenza",
  intro:
    "Come contattare le persone che gestiscono il server Matrix {server}, ad esempio quando non funziona o quando devi segnalare un problema.",
  introNoServer: "Come contattare le persone che gestiscono questo server Matrix.",
  noneHeading: "Nessuna informazione di assistenza",
  noneText: "Questo server non pubblica alcun contatto di assistenza.",
  contactsHeading: "Chi contattare",
  notesHeading: "Note",
  helpHeading: "Pagina di aiuto",
  policiesHeading: "Regole e informative",
  matrixLabel: "Matrix",
  emailLabel: "E-mail",
  pgpKeyLabel: "Chiave PGP",
  machineReadable: "Versione leggibile dalle macchine: {link} (specifica Matrix, MSC1929).",
  clientsLookAt: "I client Matrix cercano le informazioni di assistenza in {path}.",
  checkerLink: "Verifica il file di assistenza di un altro server",
  languageSwitch: "Lingua",
  roleAdmin: "Amministrazione",
  roleAdminDescription: "Qualsiasi domanda su questo server.",
  roleSecurity: "Sicurezza",
  roleSecurityDescription:
    "Problemi di sicurezza e segnalazioni di vulnerabilità. Per favore, segnalali in privato.",
  roleModerator: "Moderazione",
  roleModeratorDescription: "Abusi, spam e segnalazioni di contenuti.",
  roleReportModerator: "Moderazione delle segnalazioni",
  roleReportModeratorDescription: "Segnalazioni su contenuti e utenti.",
  roleDpo: "Responsabile della protezione dei dati",
  roleDpoDescription: "Richieste su dati personali e privacy.",
} as const satisfies Messages;
