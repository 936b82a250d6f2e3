import type { Messages } from "./en.js";

export const ptBR = {
  eyebrow: "Suporte do servidor Matrix",
  title: "Suporte de {server}",
  titleNoServer: "Suporte",
  intro:
    "Como entrar em contato com as pessoas que administram o servidor Matrix {server}, por exemplo, quando ele estiver fora do ar ou quando você precisar relatar um problema.",
  introNoServer: "Como entrar em contato com as pessoas que administram este servidor Matrix.",
  noneHeading: "Nenhuma informação de suporte",
  noneText: "Este servidor não publica nenhum contato de suporte.",
  contactsHeading: "Quem contatar",
  notesHeading: "Observações",
  helpHeading: "Página de ajuda",
  policiesHeading: "Políticas",
  matrixLabel: "Matrix",
  emailLabel: "E-mail",
  pgpKeyLabel: "Chave PGP",
  machineReadable: "Versão legível por máquina: {link} (especificação do Matrix, MSC1929).",
  clientsLookAt: "Os clientes Matrix procuram informações de suporte em {path}.",
  checkerLink: "Verificar o arquivo de suporte de outro servidor",
  languageSwitch: "Idioma",
  roleAdmin: "Administração",
  roleAdminDescription: "Qualquer dúvida sobre este servidor.",
  roleSecurity: "Segurança",
  roleSecurityDescription:
    "Problemas de segurança e relatos de vulnerabilidades. Por favor, relate de forma privada.",
  roleModerator: "Moderação",
  roleModeratorDescription: "Abuso, spam e denúncias de conteúdo.",
  roleReportModerator: "Moderação de denúncias",
  roleReportModeratorDescription: "Denúncias sobre conteúdos e usuários.",
  roleDpo: "Encarregado de proteção de dados",
  roleDpoDescription: "Solicitações sobre dados pessoais e privacidade.",
} as const satisfies Messages;
