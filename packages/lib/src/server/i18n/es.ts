import type { Messages } from "./en.js";

export const es = {
  eyebrow: "Soporte del servidor Matrix",
  title: "Soporte de {server}",
  titleNoServer: "Soporte",
  intro:
    "Cómo contactar con las personas que administran el servidor Matrix {server}, por ejemplo, cuando no funciona o para informar de un problema.",
  introNoServer: "Cómo contactar con las personas que administran este servidor Matrix.",
  noneHeading: "No hay información de soporte",
  noneText: "Este servidor no publica ningún contacto de soporte.",
  contactsHeading: "A quién contactar",
  notesHeading: "Notas",
  helpHeading: "Página de ayuda",
  policiesHeading: "Políticas",
  matrixLabel: "Matrix",
  emailLabel: "Correo electrónico",
  pgpKeyLabel: "Clave PGP",
  machineReadable: "Versión legible por máquina: {link} (especificación de Matrix, MSC1929).",
  clientsLookAt: "Los clientes de Matrix buscan la información de soporte en {path}.",
  checkerLink: "Comprobar el archivo de soporte de otro servidor",
  languageSwitch: "Idioma",
  roleAdmin: "Administración",
  roleAdminDescription: "Cualquier pregunta sobre este servidor.",
  roleSecurity: "Seguridad",
  roleSecurityDescription:
    "Problemas de seguridad e informes de vulnerabilidades. Comunícalos en privado, por favor.",
  roleModerator: "Moderación",
  roleModeratorDescription: "Abusos, spam y denuncias de contenido.",
  roleReportModerator: "Moderación de denuncias",
  roleReportModeratorDescription: "Denuncias sobre contenidos y usuarios.",
  roleDpo: "Delegado de protección de datos",
  roleDpoDescription: "Solicitudes sobre datos personales y privacidad.",
} as const satisfies Messages;
