import type { Messages } from "./en.js";

export const ru = {
  eyebrow: "Поддержка сервера Matrix",
  title: "Поддержка сервера {server}",
  titleNoServer: "Поддержка",
  intro:
    "Как связаться с людьми, которые обслуживают сервер Matrix {server}, например если он не работает или вы хотите сообщить о проблеме.",
  introNoServer: "Как связаться с людьми, которые обслуживают этот сервер Matrix.",
  noneHeading: "Нет информации о поддержке",
  noneText: "Этот сервер не публикует контакты поддержки.",
  contactsHeading: "К кому обращаться",
  notesHeading: "Примечания",
  helpHeading: "Страница помощи",
  policiesHeading: "Правила",
  matrixLabel: "Matrix",
  emailLabel: "Эл. почта",
  pgpKeyLabel: "Ключ PGP",
  machineReadable: "Машиночитаемая версия: {link} (спецификация Matrix, MSC1929).",
  clientsLookAt: "Клиенты Matrix ищут информацию о поддержке по адресу {path}.",
  checkerLink: "Проверить файл поддержки другого сервера",
  languageSwitch: "Язык",
  roleAdmin: "Администратор",
  roleAdminDescription: "Любые вопросы об этом сервере.",
  roleSecurity: "Безопасность",
  roleSecurityDescription:
    "Проблемы безопасности и сообщения об уязвимостях. Пожалуйста, сообщайте о них конфиденциально.",
  roleModerator: "Модератор",
  roleModeratorDescription: "Злоупотребления, спам и жалобы на содержимое.",
  roleReportModerator: "Модератор жалоб",
  roleReportModeratorDescription: "Жалобы на содержимое и пользователей.",
  roleDpo: "Ответственный за защиту данных",
  roleDpoDescription: "Запросы о персональных данных и конфиденциальности.",
} as const satisfies Messages;
