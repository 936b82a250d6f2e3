import type { Messages } from "./en.js";

// French typography: a no-break space (U+00A0) before ":".
export const fr = {
  eyebrow: "Assistance du serveur Matrix",
  title: "Assistance pour {server}",
  titleNoServer: "Assistance",
  intro:
    "Comment joindre les personnes qui gèrent le serveur Matrix {server}, par exemple lorsqu'il est en panne ou pour signaler un problème.",
  introNoServer: "Comment joindre les personnes qui gèrent ce serveur Matrix.",
  noneHeading: "Aucune information d'assistance",
  noneText: "Ce serveur ne publie aucun contact d'assistance.",
  contactsHeading: "Qui contacter",
  notesHeading: "Remarques",
  helpHeading: "Page d'aide",
  policiesHeading: "Politiques",
  matrixLabel: "Matrix",
  emailLabel: "E-mail",
  pgpKeyLabel: "Clé PGP",
  machineReadable: "Version lisible par machine\u00a0: {link} (spécification Matrix, MSC1929).",
  clientsLookAt: "Les clients Matrix cherchent les informations d'assistance à l'adresse {path}.",
  checkerLink: "Vérifier le fichier d'assistance d'un autre serveur",
  languageSwitch: "Langue",
  roleAdmin: "Administration",
  roleAdminDescription: "Toute question sur ce serveur.",
  roleSecurity: "Sécurité",
  roleSecurityDescription:
    "Problèmes de sécurité et signalements de vulnérabilités. Merci de les signaler en privé.",
  roleModerator: "Modération",
  roleModeratorDescription: "Abus, spam et signalements de contenus.",
  roleReportModerator: "Modération des signalements",
  roleReportModeratorDescription: "Signalements concernant des contenus ou des utilisateurs.",
  roleDpo: "Délégué(e) à la protection des données",
  roleDpoDescription: "Demandes relatives aux données personnelles et à la vie privée.",
} as const satisfies Messages;
