import type { Messages } from "./en.js";

export const nl = {
  eyebrow: "Ondersteuning voor de Matrix-server",
  title: "Ondersteuning voor {server}",
  titleNoServer: "Ondersteuning",
  intro:
    "Zo bereik je de mensen die de Matrix-server {server} beheren, bijvoorbeeld als die niet werkt of als je een probleem wilt melden.",
  introNoServer: "Zo bereik je de mensen die deze Matrix-server beheren.",
  noneHeading: "Geen informatie over ondersteuning",
  noneText: "Deze server publiceert geen contactgegevens voor ondersteuning.",
  contactsHeading: "Contactpersonen",
  notesHeading: "Opmerkingen",
  helpHeading: "Hulppagina",
  policiesHeading: "Beleid",
  matrixLabel: "Matrix",
  emailLabel: "E-mail",
  pgpKeyLabel: "PGP-sleutel",
  machineReadable: "Machineleesbaar: {link} (Matrix-specificatie, MSC1929).",
  clientsLookAt: "Matrix-clients zoeken informatie over ondersteuning op {path}.",
  checkerLink: "Het ondersteuningsbestand van een andere server controleren",
  languageSwitch: "Taal",
  roleAdmin: "Beheerder",
  roleAdminDescription: "Alle vragen over deze server.",
  roleSecurity: "Beveiliging",
  roleSecurityDescription:
    "Beveiligingsproblemen en meldingen van kwetsbaarheden. Meld deze graag vertrouwelijk.",
  roleModerator: "Moderator",
  roleModeratorDescription: "Misbruik, spam en meldingen over inhoud.",
  roleReportModerator: "Moderator voor meldingen",
  roleReportModeratorDescription: "Meldingen over inhoud en gebruikers.",
  roleDpo: "Functionaris voor gegevensbescherming",
  roleDpoDescription: "Verzoeken over persoonsgegevens en privacy.",
} as const satisfies Messages;
