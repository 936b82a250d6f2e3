import type { Messages } from "./en.js";

export const pl = {
  eyebrow: "Pomoc serwera Matrix",
  title: "Pomoc dla serwera {server}",
  titleNoServer: "Pomoc",
  intro:
    "Jak skontaktować się z osobami, które prowadzą serwer Matrix {server}, na przykład gdy nie działa albo gdy chcesz zgłosić problem.",
  introNoServer: "Jak skontaktować się z osobami, które prowadzą ten serwer Matrix.",
  noneHeading: "Brak informacji o pomocy",
  noneText: "Ten serwer nie publikuje żadnych kontaktów do pomocy.",
  contactsHeading: "Z kim się kontaktować",
  notesHeading: "Uwagi",
  helpHeading: "Strona pomocy",
  policiesHeading: "Zasady",
  matrixLabel: "Matrix",
  emailLabel: "E-mail",
  pgpKeyLabel: "Klucz PGP",
  machineReadable: "Wersja do odczytu maszynowego: {link} (specyfikacja Matrix, MSC1929).",
  clientsLookAt: "Aplikacje Matrix szukają informacji o pomocy pod adresem {path}.",
  checkerLink: "Sprawdź plik pomocy innego serwera",
  languageSwitch: "Język",
  roleAdmin: "Administrator",
  roleAdminDescription: "Wszelkie pytania dotyczące tego serwera.",
  roleSecurity: "Bezpieczeństwo",
  roleSecurityDescription:
    "Problemy z bezpieczeństwem i zgłoszenia podatności. Prosimy zgłaszać je poufnie.",
  roleModerator: "Moderator",
  roleModeratorDescription: "Nadużycia, spam i zgłoszenia treści.",
  roleReportModerator: "Moderator zgłoszeń",
  roleReportModeratorDescription: "Zgłoszenia dotyczące treści i użytkowników.",
  roleDpo: "Inspektor ochrony danych",
  roleDpoDescription: "Sprawy dotyczące danych osobowych i prywatności.",
} as const satisfies Messages;
