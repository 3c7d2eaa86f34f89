# Portcullis-Meldungen: Deutsch (fehlende Meldungen werden aus en.ftl, dem englischen Fallback, übernommen).
#
# Betreiber können jede Meldung je Sprache über PORTCULLIS_MESSAGES_DIR überschreiben (eine Datei, benannt
# wie diese: en.ftl, de.ftl, ...); siehe docs/messages.md. Variablen werden als { $name } geschrieben.

## Shared

product-name = Portcullis
datetime = { $day }. { $month } { $year }, { $time } UTC
month-1 = Jan.
month-2 = Feb.
month-3 = März
month-4 = Apr.
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = Aug.
month-9 = Sept.
month-10 = Okt.
month-11 = Nov.
month-12 = Dez.
field-email = E-Mail-Adresse
field-password = Passwort
button-continue = Weiter
link-back-to-sign-in = Zurück zur Anmeldung
problem-code-wrong = Dieser Code ist falsch oder abgelaufen.
problem-email-invalid = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
problem-phone-invalid = Geben Sie die Telefonnummer mit Ländervorwahl ein, z. B. +49 30 1234567.
problem-passwords-differ = Die Passwörter stimmen nicht überein.
problem-current-password = Das aktuelle Passwort ist falsch.
problem-email-same = Das ist bereits Ihre E-Mail-Adresse.
problem-email-taken = Diese Adresse gehört inzwischen zu einem anderen Konto.
problem-name-too-long = Ihr Name darf höchstens { $max } Zeichen lang sein.
password-help = Mindestens { $min } Zeichen. Vermeiden Sie gängige Wörter sowie Ihren Namen oder Ihre E-Mail-Adresse.
language-name = Deutsch
language-label = Sprache
language-change = Wechseln
detour-continue = Anmeldung fortsetzen
detour-elsewhere = Kehren Sie zum Fortfahren in das Fenster zurück, in dem Sie mit der Anmeldung begonnen haben.
footer-nav = Über diesen Dienst
footer-privacy = Datenschutz
footer-terms = Nutzungsbedingungen
footer-imprint = Impressum
footer-support = Hilfe und Support

## Sign in

login-title = Anmelden
login-context = weiter zu { $client }
login-submit = Anmelden
login-forgot = Passwort vergessen?
login-new-here = Neu hier?
login-create-account = Konto erstellen
login-cancel = Abbrechen und zurück
login-invalid-credentials = E-Mail-Adresse oder Passwort ist falsch.
login-verify-email-sent = Bestätigen Sie Ihre E-Mail-Adresse, um die Anmeldung abzuschließen. Wir haben Ihnen einen neuen Link und einen neuen Code gesendet.
login-verify-email = Bestätigen Sie Ihre E-Mail-Adresse, um die Anmeldung abzuschließen.

## Externe Identitätsanbieter

login-next = Weiter
login-or = oder
login-upstream = Weiter mit { $name }
upstream-failed-title = Diese Anmeldung hat nicht funktioniert
upstream-failed = { $name } hat Sie nicht angemeldet. Versuchen Sie es erneut oder melden Sie sich anders an.
upstream-unknown = Diese Art der Anmeldung ist nicht verfügbar.
upstream-not-linked = Ihr { $name }-Konto ist mit keinem Konto hier verknüpft. Melden Sie sich anders an.
upstream-no-account = Für die E-Mail-Adresse, die { $name } übermittelt hat, gibt es hier kein Konto. Bitten Sie die Administration um ein Konto.
review-title = Anmeldung abschließen
review-intro = { $name } hat Ihre E-Mail-Adresse nicht übermittelt. Geben Sie sie ein; wir senden einen Code dorthin, um zu bestätigen, dass sie Ihnen gehört.
review-submit = Code senden
review-code-intro = Wir haben einen 6-stelligen Code an { $email } gesendet. Geben Sie ihn ein, um die Adresse zu bestätigen.
review-other-address = Eine andere Adresse verwenden
upstream-unavailable = Mit diesem Konto ist keine Anmeldung möglich.
link-title = Anmeldung mit { $name } verknüpfen
link-intro = Ein Konto mit der E-Mail-Adresse { $email } gibt es bereits. Geben Sie dessen Passwort ein, um Ihre Anmeldung mit { $name } damit zu verknüpfen; beim nächsten Mal genügt { $name }.
link-submit = Verknüpfen und anmelden
link-other-way = Anders anmelden
telegram-title = Anmeldung mit { $name } …
telegram-missing = Telegram hat keine Anmeldung zurückgeschickt. Gehen Sie zurück und versuchen Sie es erneut.
telegram-needs-js = Die Anmeldung mit Telegram braucht JavaScript.
linked-heading = Anmeldung über andere Dienste
linked-none = Kein anderer Dienst meldet Sie bei diesem Konto an.
linked-since = Verknüpft am { $date }
linked-add = { $name } verknüpfen
linked-remove = Trennen
linked-remove-label = Trennen: { $name }
linked-removed = Die Anmeldung wurde getrennt.
linked-last-way = Dies ist Ihre einzige Art, sich anzumelden. Legen Sie ein Passwort fest oder fügen Sie einen Passkey hinzu, bevor Sie sie trennen.
linked-elsewhere = Dieses { $name }-Konto meldet bereits bei einem anderen Konto hier an.

## Sign up

register-title = Konto erstellen
register-confirm-password = Passwort bestätigen
register-name = Name (optional)
register-phone = Telefonnummer (optional)
register-phone-help = Mit Ländervorwahl, z. B. +49 30 1234567. Sie können die Nummer später bestätigen, um Ihr Passwort per SMS zurückzusetzen.
register-submit = Konto erstellen
register-have-account = Sie haben bereits ein Konto?
register-sign-in = Anmelden
check-email-title = Prüfen Sie Ihre E-Mails
check-email-intro = Falls { $email } für ein neues Konto verwendet werden kann, haben wir einen Link und einen 6-stelligen Code an diese Adresse gesendet. Öffnen Sie den Link oder geben Sie den Code hier ein.
check-email-code = Bestätigungscode
check-email-submit = Bestätigen
check-email-resend = Neuen Code senden
check-email-resent = Wir haben einen neuen Link und einen neuen Code gesendet.
check-email-code-wrong = Dieser Code ist falsch oder abgelaufen. Prüfen Sie die neueste E-Mail oder fordern Sie einen neuen Code an.
signup-unavailable-title = Registrierung nicht möglich
signup-unavailable = Hier können keine neuen Konten erstellt werden. Wenden Sie sich an den Administrator, um ein Konto zu erhalten.

## Password recovery

forgot-title = Passwort zurücksetzen
forgot-channel = Wie sollen wir Sie erreichen?
forgot-channel-email = Link per E-Mail senden
forgot-channel-sms = Code per SMS an meine bestätigte Telefonnummer senden
forgot-submit = Senden
forgot-sent-title = Prüfen Sie Ihre E-Mails
forgot-sent = Falls ein Konto diese Adresse verwendet, haben wir einen Link an sie gesendet, mit dem Sie ein neues Passwort festlegen können. Der Link kann nur einmal und nur für begrenzte Zeit verwendet werden.
forgot-sms-sent = Falls für das Konto eine bestätigte Telefonnummer hinterlegt ist, haben wir einen Code an diese Nummer gesendet.
reset-title = Neues Passwort festlegen
reset-sms-code = Code aus der SMS
reset-new-password = Neues Passwort
reset-confirm-password = Neues Passwort bestätigen
reset-submit = Neues Passwort speichern
reset-done-title = Passwort geändert
reset-done = Ihr Passwort wurde geändert und Sie wurden überall abgemeldet. Melden Sie sich mit dem neuen Passwort an.

## Email verification links

verify-confirm-title = E-Mail-Adresse bestätigen
verify-confirm = Klicken Sie auf die Schaltfläche, um zu bestätigen, dass diese Adresse Ihnen gehört.
verify-confirm-button = Bestätigen
verify-expired-title = Dieser Link ist abgelaufen
verify-expired = Der Link wurde bereits verwendet oder ist zu alt. Melden Sie sich an, um einen neuen Link zu erhalten.
verify-done-title = E-Mail-Adresse bestätigt
verify-done = Vielen Dank. Ihre E-Mail-Adresse ist bestätigt und Sie können sich jetzt anmelden.

## Consent

consent-title = Zugriff erlauben
consent-heading = { $client } Zugriff auf Ihr Konto erlauben?
consent-signed-in-as = Angemeldet als { $email }
consent-not-you = Nicht Sie? Anderes Konto verwenden
consent-asking = { $client } möchte:
consent-allow = Erlauben
consent-deny = Ablehnen
consent-client-policy = Datenschutzerklärung von { $client }
consent-client-terms = Nutzungsbedingungen von { $client }
consent-choose = Bitte wählen Sie aus
scope-openid = Sie mit Ihrem Konto anmelden
scope-profile = Ihren Namen und Ihre Profildaten sehen
scope-email = Ihre E-Mail-Adresse sehen
scope-phone = Ihre Telefonnummer sehen
scope-address = Ihre Postanschrift sehen
scope-offline_access = Zugriff behalten, auch wenn Sie die Anwendung gerade nicht verwenden
scope-roles = Ihre Rollen und Gruppen sehen

## Sign out

logout-title = Abmelden
logout-heading = Abmelden?
logout-client-asks = { $client } bittet Sie, sich abzumelden.
logout-question = Möchten Sie sich bei { $product } abmelden?
logout-submit = Abmelden
logout-cancel = Angemeldet bleiben
logged-out-title = Abgemeldet
logged-out-heading = Sie sind abgemeldet
logged-out-close = Sie können dieses Fenster jetzt schließen.
logged-out-return = Zurück zu { $client }
form-post-title = Weiter
form-post-heading = Weiter zur Anwendung
form-post-noscript = JavaScript ist deaktiviert: Klicken Sie auf die Schaltfläche, um fortzufahren.

## Errors

error-code = Fehler:
error-request-id = Referenz für den Support:
error-back-to = Zurück zu { $client }
error-go-account = Zu Ihrem Konto
error-request-rejected = Die Anwendung hat eine Anfrage gesendet, die nicht ausgeführt werden kann. Kehren Sie zur Anwendung zurück und versuchen Sie es erneut; wenn das wieder passiert, wenden Sie sich an ihren Support.
error-unavailable = Der Dienst ist ausgelastet oder wird gewartet. Bitte versuchen Sie es gleich noch einmal.
error-server = Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es gleich noch einmal.
error-try-again = Bitte versuchen Sie es erneut
error-invalid-request-title = Ungültige Anfrage
error-authorize-title = Diese Anmeldeanfrage ist ungültig
error-logout-title = Diese Abmeldeanfrage ist ungültig
error-too-many-title = Zu viele Versuche
error-too-many = Bitte warten Sie { $wait } und versuchen Sie es dann erneut.
wait-minutes = { $n ->
    [one] { $n } Minute
   *[other] { $n } Minuten
}
wait-hours = { $n ->
    [one] { $n } Stunde
   *[other] { $n } Stunden
}
expired-title = Dieser Anmeldelink ist abgelaufen
expired = Kehren Sie zur Anwendung zurück und starten Sie die Anmeldung erneut.
not-found-title = Seite nicht gefunden
not-found = Unter dieser Adresse gibt es keine Seite. Prüfen Sie den Link oder gehen Sie zu Ihrem Konto.
method-not-allowed-title = Das ist hier nicht möglich
method-not-allowed = Diese Adresse nimmt diese Art von Anfrage nicht an. Gehen Sie zurück und versuchen Sie es erneut.

## Account pages

account-title = Ihr Konto
account-signed-in-as = Angemeldet als { $email }
account-nav = Konto
nav-profile = Profil
nav-password = Passwort
nav-sessions = Sitzungen
nav-activity = Aktivität
nav-apps = Anwendungen
nav-data = Ihre Daten
idle-noscript = { $minutes ->
    [one] Zu Ihrer Sicherheit werden Sie nach einer Minute ohne Aktivität abgemeldet.
   *[other] Zu Ihrer Sicherheit werden Sie nach { $minutes } Minuten ohne Aktivität abgemeldet.
}
idle-title = Sind Sie noch da?
idle-stay = Angemeldet bleiben
idle-text = Sie werden wegen Inaktivität in <span id="idle-countdown"></span> abgemeldet.
badge-verified = Bestätigt
badge-not-verified = Nicht bestätigt
badge-this-device = Dieses Gerät
action-column = Aktion

profile-heading = Profil
profile-name = Name
profile-save-name = Namen speichern
profile-name-saved = Name gespeichert.
profile-email-heading = E-Mail-Adresse
profile-email-code = An die neue Adresse gesendeter Code
profile-email-code-submit = Neue Adresse bestätigen
profile-new-email = Neue E-Mail-Adresse
profile-current-password = Aktuelles Passwort
profile-email-help = Ihre Adresse ändert sich erst, wenn Sie den Link öffnen (oder den Code eingeben), den wir an die neue Adresse senden.
profile-email-submit = E-Mail-Adresse ändern
profile-email-check = Prüfen Sie die neue Adresse: Öffnen Sie den Link, den wir gesendet haben, oder geben Sie den Code hier ein.
profile-email-changed = Ihre E-Mail-Adresse wurde geändert.
profile-email-confirm-title = Neue E-Mail-Adresse bestätigen
profile-email-confirm = Klicken Sie auf die Schaltfläche, um diese Adresse als E-Mail-Adresse Ihres Kontos festzulegen.
profile-email-done-title = E-Mail-Adresse geändert
profile-email-done = Ihr Konto verwendet jetzt diese Adresse.
profile-email-failed-title = Die Adresse wurde nicht geändert
profile-go-to-account = Zu Ihrem Konto
profile-phone-heading = Telefonnummer
profile-no-phone = Keine Telefonnummer hinterlegt.
profile-phone-code = Code aus der SMS
profile-phone-verify = Telefonnummer bestätigen
profile-new-phone = Neue Telefonnummer
profile-phone = Telefonnummer
profile-phone-help = Mit Ländervorwahl, z. B. +49 30 1234567. Zur Bestätigung senden wir Ihnen einen Code per SMS.
profile-phone-help-keep = Mit Ländervorwahl, z. B. +49 30 1234567. Zur Bestätigung senden wir Ihnen einen Code per SMS; bis dahin bleibt Ihre bisherige Nummer gespeichert.
profile-phone-send = Code senden
profile-phone-remove = Telefonnummer entfernen
profile-phone-sent = Wir haben einen Code per SMS an die neue Nummer gesendet. Geben Sie ihn ein, um die Nummer zu speichern.
profile-phone-verified = Telefonnummer bestätigt.
profile-phone-removed = Telefonnummer entfernt.

password-heading = Passwort ändern
password-current = Aktuelles Passwort
password-new = Neues Passwort
password-confirm = Neues Passwort bestätigen
password-change-help = Mindestens { $min } Zeichen. Nach der Änderung werden Ihre anderen Sitzungen abgemeldet.
password-submit = Passwort ändern
password-changed = Passwort geändert. Ihre anderen Sitzungen wurden abgemeldet.

sessions-heading = Wo Sie angemeldet sind
sessions-count = { $n ->
    [one] Eine aktive Sitzung
   *[other] { $n } aktive Sitzungen
}
sessions-device = Gerät
sessions-ip = IP-Adresse
sessions-signed-in = Angemeldet seit
sessions-last-active = Zuletzt aktiv
sessions-sign-out = Abmelden
sessions-sign-out-label = { $device } abmelden, zuletzt aktiv { $when }
sessions-sign-out-others = Alle anderen Sitzungen abmelden
sessions-signed-out = Die Sitzung wurde abgemeldet.
sessions-others-signed-out = { $n ->
    [one] Eine andere Sitzung wurde abgemeldet.
   *[other] { $n } andere Sitzungen wurden abgemeldet.
}
sessions-already-ended = Diese Sitzung ist bereits beendet.
sessions-use-sign-out = Um diese Sitzung zu beenden, verwenden Sie „Abmelden“.

activity-heading = Letzte sicherheitsrelevante Aktivitäten
activity-none = Noch keine Einträge.
activity-when = Wann
activity-what = Was geschah
activity-line = { $what } über { $device }
activity-unknown-device = ein unbekanntes Gerät
activity-an-app = Eine Anwendung
activity-login-password = Mit Passwort angemeldet
activity-login-password-failed = Jemand hat versucht, sich mit einem falschen Passwort anzumelden
activity-logout = Abgemeldet
activity-account-registered = Konto erstellt
activity-account-registered-failed = Jemand hat versucht, sich erneut mit dieser E-Mail-Adresse zu registrieren
activity-email-verified = E-Mail-Adresse bestätigt
activity-email-change-requested = Änderung der E-Mail-Adresse angefordert
activity-email-changed = E-Mail-Adresse geändert
activity-password-changed = Passwort geändert
activity-password-reset-requested = Zurücksetzen des Passworts angefordert
activity-password-reset = Passwort zurückgesetzt
activity-account-locked = Das Konto wurde nach fehlgeschlagenen Anmeldungen gesperrt
activity-account-unlocked = Das Konto wurde entsperrt
activity-profile-updated = Profil aktualisiert
activity-phone-code-sent = Bestätigungscode für die Telefonnummer angefordert
activity-session-revoked = Eine Sitzung abgemeldet
activity-consent-granted = { $app } den Zugriff auf das Konto erlaubt
activity-consent-revoked = Den Zugriff von { $app } entfernt
activity-token-issued = { $app } hat Sie angemeldet
activity-token-refreshed = { $app } hat ihren Zugriff erneuert
activity-token-revoked = { $app } hat ihren Zugriff aufgegeben
activity-token-refused = { $app } wurde der Zugriff verweigert
activity-rate-limited = Zu viele Versuche wurden vorübergehend gestoppt
activity-account-exported = Die Daten des Kontos heruntergeladen
activity-login-password-totp = Mit Passwort und Authenticator-App angemeldet
activity-login-password-recovery-code = Mit Passwort und Wiederherstellungscode angemeldet
activity-login-password-second-step = Mit Passwort und einem zweiten Schritt angemeldet
activity-step-up = Identität bestätigt
activity-step-up-password = Identität mit dem Passwort bestätigt
activity-step-up-totp = Identität mit einer Authenticator-App bestätigt
activity-step-up-recovery-code = Identität mit einem Wiederherstellungscode bestätigt
activity-factor-totp = Code aus einer Authenticator-App eingegeben
activity-factor-recovery-code = Ein Wiederherstellungscode wurde verwendet
activity-factor-failed-totp = Jemand hat einen falschen Code aus einer Authenticator-App eingegeben
activity-factor-failed-recovery-code = Jemand hat einen falschen Wiederherstellungscode eingegeben
activity-factor-locked = Jemand hat einen Code eingegeben, während das Konto gesperrt war
activity-factor-too-many = Ein Code wurde nach zu vielen Versuchen abgelehnt
activity-mfa-totp-added = Eine Authenticator-App wurde hinzugefügt
activity-mfa-totp-removed = Eine Authenticator-App wurde entfernt
activity-mfa-totp-renamed = Eine Authenticator-App wurde umbenannt
activity-recovery-codes-generated = Neue Wiederherstellungscodes wurden erstellt
activity-recovery-codes-voided = Die Wiederherstellungscodes wurden ungültig gemacht
activity-mfa-reset = Ein Administrator hat alle zweiten Schritte entfernt und alle Sitzungen abgemeldet
activity-other = Sonstige Kontoaktivität
activity-other-failed = Eine Aktion am Konto ist nicht gelungen
activity-login-passkey = Mit einem Passkey angemeldet
activity-login-passkey-failed = Jemand hat versucht, sich mit einem nicht akzeptierten Passkey anzumelden
activity-login-federated = Über einen anderen Dienst angemeldet
activity-login-federated-failed = Eine Anmeldung über einen anderen Dienst wurde abgelehnt
activity-federation-linked = Eine Anmeldung über einen anderen Dienst wurde mit Ihrem Konto verknüpft
activity-federation-unlinked = Eine verknüpfte Anmeldung wurde getrennt
activity-profile-synced = Ihr Name wurde von Ihrem Anmeldedienst übernommen
activity-login-password-webauthn = Mit Passwort und Passkey oder Sicherheitsschlüssel angemeldet
activity-login-password-email-code = Mit Passwort und einem per E-Mail gesendeten Code angemeldet
activity-login-password-sms-code = Mit Passwort und einem per SMS gesendeten Code angemeldet
activity-step-up-webauthn = Identität mit einem Passkey oder Sicherheitsschlüssel bestätigt
activity-step-up-email-code = Identität mit einem per E-Mail gesendeten Code bestätigt
activity-step-up-sms-code = Identität mit einem per SMS gesendeten Code bestätigt
activity-factor-webauthn = Einen Passkey oder Sicherheitsschlüssel verwendet
activity-factor-email-code = Einen per E-Mail gesendeten Code eingegeben
activity-factor-sms-code = Einen per SMS gesendeten Code eingegeben
activity-factor-failed-webauthn = Jemand hat einen nicht akzeptierten Passkey oder Sicherheitsschlüssel verwendet
activity-factor-failed-email-code = Jemand hat einen falschen per E-Mail gesendeten Code eingegeben
activity-factor-failed-sms-code = Jemand hat einen falschen per SMS gesendeten Code eingegeben
activity-mfa-webauthn-added = Ein Passkey oder Sicherheitsschlüssel wurde hinzugefügt
activity-mfa-webauthn-removed = Ein Passkey oder Sicherheitsschlüssel wurde entfernt
activity-mfa-webauthn-renamed = Ein Passkey oder Sicherheitsschlüssel wurde umbenannt
activity-mfa-email-code-on = Anmeldecodes per E-Mail wurden eingeschaltet
activity-mfa-email-code-off = Anmeldecodes per E-Mail wurden ausgeschaltet
activity-mfa-sms-code-on = Anmeldecodes per SMS wurden eingeschaltet
activity-mfa-sms-code-off = Anmeldecodes per SMS wurden ausgeschaltet
activity-device-remembered = Ein Browser wurde gemerkt und überspringt den zweiten Schritt
activity-device-forgotten = Ein gemerkter Browser wurde vergessen
activity-setup-put-off = Die Einrichtung eines zweiten Schritts aufgeschoben

device-browser-on-os = { $browser } unter { $os }
device-unknown-browser = Unbekannter Browser
device-unknown-browser-on-os = Unbekannter Browser unter { $os }

apps-heading = Anwendungen mit Zugriff
apps-none = Keine Anwendung hat Zugriff auf Ihr Konto.
apps-application = Anwendung
apps-access = Zugriff
apps-since = Seit
apps-remove = Zugriff entziehen
apps-remove-label = { $client } den Zugriff entziehen
apps-removed = Zugriff entzogen. Die Anwendung muss erneut um Erlaubnis bitten.
apps-no-access = Diese Anwendung hat keinen Zugriff.

data-export-heading = Ihre Daten herunterladen
data-export-intro = Eine JSON-Datei mit Ihrem Profil, Ihren Sitzungen, Anwendungen und Aktivitäten.
data-export-submit = Meine Daten herunterladen
data-delete-heading = Ihr Konto löschen
data-delete-intro = { $days ->
    [one] Sie werden sofort überall abgemeldet und Anwendungen verlieren den Zugriff. Ihre personenbezogenen Daten werden innerhalb eines Tages gelöscht; im Sicherheitsprotokoll bleibt nur eine anonyme Kennung erhalten.
   *[other] Sie werden sofort überall abgemeldet und Anwendungen verlieren den Zugriff. Ihre personenbezogenen Daten werden innerhalb von { $days } Tagen gelöscht; im Sicherheitsprotokoll bleibt nur eine anonyme Kennung erhalten.
}
data-delete-password = Aktuelles Passwort
data-delete-confirm = Mir ist bewusst, dass dies nicht rückgängig gemacht werden kann
data-delete-submit = Mein Konto löschen
data-delete-tick = Setzen Sie das Häkchen, um zu bestätigen, dass Ihnen dies bewusst ist.
data-deleted-title = Konto gelöscht
data-deleted = Ihr Konto wurde gelöscht und Sie wurden überall abgemeldet.

## Second factors

factor-title = Bestätigung in zwei Schritten
factor-intro-totp = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.
factor-intro-recovery = Geben Sie einen Ihrer Wiederherstellungscodes ein. Jeder Code funktioniert nur einmal.
factor-code = Code
factor-recovery-code = Wiederherstellungscode
factor-submit = Bestätigen
factor-other-ways = Auf andere Weise bestätigen
factor-use-totp = Authenticator-App verwenden
factor-use-recovery = Wiederherstellungscode verwenden
factor-code-wrong = Dieser Code ist falsch, schon verwendet oder abgelaufen. Geben Sie den neuesten Code ein.
enrol-title = Bestätigung in zwei Schritten einrichten
enrol-intro = Für diese Anmeldung ist ein zweiter Schritt nötig. Richten Sie ihn jetzt ein; das dauert eine Minute.
enrol-done = Ihre Authenticator-App ist eingerichtet.
setup-offer-title = Schützen Sie Ihr Konto
setup-offer-intro = Fügen Sie Ihrer Anmeldung einen zweiten Schritt hinzu, damit ein gestohlenes Passwort nicht genügt. Das dauert eine Minute.
setup-grace-intro = Ab { $date } braucht Ihre Anmeldung einen zweiten Schritt. Richten Sie ihn jetzt ein oder später, vor diesem Datum.
setup-or-passkey = Oder nutzen Sie einen Passkey oder Sicherheitsschlüssel
setup-later = Nicht jetzt
totp-title = Authenticator-App hinzufügen
totp-step-scan = Scannen Sie diesen QR-Code mit einer Authenticator-App.
totp-qr-label = QR-Code des Schlüssels unten
totp-manual = Scannen nicht möglich? Geben Sie stattdessen diesen Schlüssel in der App ein:
totp-step-code = Geben Sie den 6-stelligen Code aus der App ein und einen Namen, an dem Sie sie erkennen.
totp-name = Name
totp-default-name = Authenticator-App
totp-submit = Einschalten
recovery-codes-title = Speichern Sie Ihre Wiederherstellungscodes
recovery-codes-intro = Falls Sie Ihr Telefon oder Ihren Schlüssel verlieren, können Sie sich mit jedem dieser Codes einmal ohne den zweiten Schritt anmelden. Drucken Sie sie aus oder bewahren Sie sie in einem Passwort-Manager auf.
recovery-codes-once = Sie werden nur jetzt angezeigt. Neue Codes machen diese ungültig.
security-title = Anmeldesicherheit
security-intro = Ein zweiter Schritt bei der Anmeldung schützt Ihr Konto, auch wenn jemand Ihr Passwort kennt.
security-totp-heading = Authenticator-Apps
security-totp-none = Sie haben keine Authenticator-App eingerichtet.
security-totp-add = Authenticator-App hinzufügen
security-factor-added = Hinzugefügt am { $date }
security-factor-used = Zuletzt verwendet am { $date }
security-factor-unused = Noch nicht verwendet
security-rename = Umbenennen
security-new-name = Neuer Name für { $name }
security-remove = Entfernen
security-remove-label = { $name } entfernen
security-recovery-heading = Wiederherstellungscodes
security-recovery-left = { $count ->
    [one] Ein unbenutzter Wiederherstellungscode ist übrig.
   *[other] { $count } unbenutzte Wiederherstellungscodes sind übrig.
}
security-recovery-none = Sie haben keine Wiederherstellungscodes.
security-recovery-generate = Neue Wiederherstellungscodes erstellen
security-recovery-voids = Neue Codes machen die alten ungültig.
security-totp-added = Ihre Authenticator-App ist eingerichtet.
security-totp-removed = Die Authenticator-App wurde entfernt.
security-renamed = Der Name wurde gespeichert.
problem-mfa-name-required = Geben Sie einen Namen ein.
problem-mfa-name-too-long = Wählen Sie einen kürzeren Namen.
problem-mfa-name-invalid = Verwenden Sie einen Namen in einer Zeile.
problem-totp-enrolment-expired = Diese Einrichtung ist abgelaufen. Scannen Sie den neuen QR-Code und geben Sie dessen Code ein.
problem-totp-too-many = Sie haben so viele Authenticator-Apps eingerichtet wie möglich. Entfernen Sie zuerst eine.
problem-totp-label = Die App konnte für dieses Konto nicht eingerichtet werden.
mail-security-changed-subject = Ihre Anmeldung hat sich geändert
mail-security-totp-added = Für die Anmeldung bei Ihrem Konto wurde eine Authenticator-App eingerichtet.
mail-security-totp-removed = Eine Authenticator-App wurde von Ihrem Konto entfernt.
mail-security-recovery-generated = Für Ihr Konto wurden neue Wiederherstellungscodes erstellt. Die alten funktionieren nicht mehr.
mail-security-mfa-reset = Ein Administrator hat alle zweiten Schritte Ihres Kontos entfernt (Authenticator-Apps, Passkeys und Sicherheitsschlüssel, Anmeldecodes, Wiederherstellungscodes) und alle Ihre Sitzungen beendet. Um Ihr Konto wieder mit einem zweiten Schritt zu schützen, richten Sie auf Ihrer Sicherheitsseite einen ein.
mail-recovery-code-used-subject = Ein Wiederherstellungscode wurde verwendet
mail-recovery-code-used = Jemand hat sich mit einem Ihrer Wiederherstellungscodes bei Ihrem Konto angemeldet.
mail-recovery-codes-left = { $count ->
    [one] Ein Wiederherstellungscode ist übrig.
   *[other] { $count } Wiederherstellungscodes sind übrig.
}
mail-recovery-codes-few = Erstellen Sie bald neue Wiederherstellungscodes, damit Sie nicht ausgesperrt sind, falls Sie Ihr Telefon verlieren.
mail-security-action = Anmeldesicherheit prüfen
mail-not-you-security = Wenn Sie das nicht waren, ändern Sie jetzt Ihr Passwort und prüfen Sie Ihre Anmeldesicherheit.
reauth-title = Bestätigen Sie, dass Sie es sind
reauth-intro = Geben Sie Ihr Passwort ein, um diese Änderung vorzunehmen.
reauth-intro-code = Geben Sie Ihr Passwort und einen Code aus Ihrer Authenticator-App (oder einen Wiederherstellungscode) ein, um diese Änderung vorzunehmen.
reauth-code = Code aus Ihrer App oder ein Wiederherstellungscode
reauth-submit = Bestätigen
factor-intro-sent = Wir senden einen 6-stelligen Code an { $to }. Er gilt 5 Minuten.
factor-send = Code senden
factor-send-again = Neuen Code senden
factor-code-sent = Wir haben einen Code an { $to } gesendet.
factor-use-email = Code per E-Mail erhalten
factor-use-sms = Code per SMS erhalten
security-channels-heading = Codes per E-Mail oder SMS
security-email-status-on = Anmeldecodes gehen per E-Mail an { $to }.
security-email-offer = Anmeldecodes per E-Mail an { $to } erhalten.
security-sms-status-on = Anmeldecodes gehen per SMS an { $to }.
security-sms-offer = Anmeldecodes per SMS an { $to } erhalten.
security-sms-no-phone = Um Codes per SMS zu erhalten, fügen Sie in Ihrem Profil eine Telefonnummer hinzu und bestätigen Sie sie.
security-email-unverified = Bestätigen Sie Ihre E-Mail-Adresse, um Codes per E-Mail zu erhalten.
security-channel-send = Code senden, um dies einzuschalten
security-channel-code-sent = Wir haben einen Code an { $to } gesendet. Geben Sie ihn ein, um Anmeldecodes einzuschalten.
security-channel-confirm = Einschalten
security-turn-off = Ausschalten
security-channel-on = Anmeldecodes sind eingeschaltet.
security-channel-off = Anmeldecodes sind ausgeschaltet.
mail-security-email-on = Anmeldecodes per E-Mail wurden für Ihr Konto eingeschaltet.
mail-security-sms-on = Anmeldecodes per SMS wurden für Ihr Konto eingeschaltet.
mail-security-channel-off = Anmeldecodes per E-Mail oder SMS wurden für Ihr Konto ausgeschaltet.
mail-confirm-address-subject = Bestätigen Sie Ihre E-Mail-Adresse
mail-confirm-address = Geben Sie diesen Code ein, um Ihre E-Mail-Adresse zu bestätigen und die Anmeldung abzuschließen. Er läuft in { $ttl } ab.
mail-sign-in-code-subject = Ihr Anmeldecode
mail-sign-in-code = Geben Sie diesen Code ein, um die Anmeldung abzuschließen. Er läuft in { $ttl } ab.
mail-sign-in-code-not-you = Wenn Sie sich gerade nicht anmelden, kennt jemand Ihr Passwort: Ändern Sie es.
sms-sign-in = { $code } ist Ihr Anmeldecode. Geben Sie ihn nicht weiter.
reauth-send = Code an { $to } senden
login-passkey = Mit einem Passkey anmelden
login-passkey-failed = Mit diesem Passkey war keine Anmeldung möglich. Versuchen Sie es erneut oder melden Sie sich mit Ihrem Passwort an.
factor-intro-webauthn = Verwenden Sie Ihren Passkey oder Sicherheitsschlüssel.
factor-use-webauthn = Passkey oder Sicherheitsschlüssel verwenden
factor-webauthn-button = Passkey oder Sicherheitsschlüssel verwenden
webauthn-failed = Der Passkey oder Sicherheitsschlüssel hat nicht geantwortet. Versuchen Sie es erneut.
webauthn-needs-js = Passkeys und Sicherheitsschlüssel benötigen JavaScript.
security-webauthn-heading = Passkeys und Sicherheitsschlüssel
security-webauthn-none = Sie haben keinen Passkey und keinen Sicherheitsschlüssel.
security-passkey-add = Passkey hinzufügen
security-key-add = Sicherheitsschlüssel hinzufügen
security-webauthn-name = Name für den neuen Passkey oder Schlüssel
security-webauthn-default-name = Passkey
security-webauthn-added = Ihr Passkey oder Sicherheitsschlüssel ist eingerichtet.
security-webauthn-removed = Der Passkey oder Sicherheitsschlüssel wurde entfernt.
security-webauthn-passkey = Passkey
security-webauthn-security-key = Sicherheitsschlüssel
mail-security-webauthn-added = Ihrem Konto wurde ein Passkey oder Sicherheitsschlüssel hinzugefügt.
mail-security-webauthn-removed = Ein Passkey oder Sicherheitsschlüssel wurde von Ihrem Konto entfernt.
problem-webauthn-unavailable = Passkeys sind auf dieser Website nicht verfügbar.
problem-webauthn-too-many = Sie haben so viele Passkeys und Schlüssel hinzugefügt wie möglich. Entfernen Sie zuerst einen.
problem-webauthn-user-name = Ihr Konto braucht eine E-Mail-Adresse, um einen Passkey hinzuzufügen.
problem-webauthn-authenticator-not-allowed = Diese Art von Passkey oder Sicherheitsschlüssel ist hier nicht erlaubt.
problem-webauthn-already-registered = Dieser Passkey oder Sicherheitsschlüssel ist bereits hinzugefügt.
factor-remember = { $days ->
    [one] Auf diesem Gerät einen Tag lang nicht mehr fragen
   *[other] Auf diesem Gerät { $days } Tage lang nicht mehr fragen
}
security-devices-heading = Gemerkte Geräte
security-devices-none = Kein Gerät überspringt den zweiten Schritt.
security-device-until = Gemerkt am { $date }, bis { $until }
security-forget = Vergessen
security-forget-label = { $device } vergessen
security-device-forgotten = Das Gerät wird wieder nach dem zweiten Schritt gefragt.
nav-security = Sicherheit

## Password rules

policy-too-short = { $min ->
    [one] Verwenden Sie mindestens ein Zeichen.
   *[other] Verwenden Sie mindestens { $min } Zeichen.
}
policy-too-long = Verwenden Sie höchstens { $max } Zeichen.
policy-personal = Ihr Passwort darf nicht auf Ihrem Namen oder Ihrer E-Mail-Adresse beruhen.
policy-guessable = Dieses Passwort ist zu leicht zu erraten.

## Password advice

advice-straight-rows-of-keys = Gerade Tastenreihen sind leicht zu erraten.
advice-short-keyboard-patterns = Kurze Tastaturmuster sind leicht zu erraten.
advice-repeats-like-aaa = Wiederholungen wie „aaa“ sind leicht zu erraten.
advice-repeats-like-abcabc = Wiederholungen wie „abcabcabc“ sind kaum schwerer zu erraten als „abc“.
advice-top-10-password = Dies ist eines der zehn häufigsten Passwörter.
advice-top-100-password = Dies ist eines der hundert häufigsten Passwörter.
advice-common-password = Dies ist ein sehr häufiges Passwort.
advice-similar-to-common-password = Dies ähnelt einem häufig verwendeten Passwort.
advice-sequences-like-abc = Fortlaufende Folgen wie abc oder 6543 sind leicht zu erraten.
advice-recent-years = Jahreszahlen der letzten Jahre sind leicht zu erraten.
advice-word-by-itself = Ein einzelnes Wort ist leicht zu erraten.
advice-dates = Datumsangaben sind oft leicht zu erraten.
advice-names-by-themselves = Vor- und Nachnamen allein sind leicht zu erraten.
advice-common-names = Häufige Vor- und Nachnamen sind leicht zu erraten.
advice-use-a-few-words = Verwenden Sie mehrere Wörter und vermeiden Sie gängige Redewendungen.
advice-no-need-for-symbols = Sonderzeichen, Ziffern oder Großbuchstaben sind nicht nötig.
advice-add-another-word = Fügen Sie ein oder zwei weitere Wörter hinzu. Ungewöhnliche Wörter sind besser.
advice-capitalization = Großschreibung hilft kaum.
advice-all-uppercase = Nur Großbuchstaben sind fast so leicht zu erraten wie nur Kleinbuchstaben.
advice-reversed-words = Rückwärts geschriebene Wörter sind kaum schwerer zu erraten.
advice-predictable-substitutions = Vorhersehbare Ersetzungen wie „@“ statt „a“ helfen kaum.
advice-longer-keyboard-pattern = Verwenden Sie ein längeres Tastaturmuster mit mehr Richtungswechseln.
advice-avoid-repeats = Vermeiden Sie wiederholte Wörter und Zeichen.
advice-avoid-sequences = Vermeiden Sie fortlaufende Zeichenfolgen.
advice-avoid-recent-years = Vermeiden Sie Jahreszahlen der letzten Jahre.
advice-avoid-your-years = Vermeiden Sie Jahreszahlen, die mit Ihnen in Verbindung stehen.
advice-avoid-your-dates-and-years = Vermeiden Sie Datumsangaben und Jahreszahlen, die mit Ihnen in Verbindung stehen.

## Mail

mail-not-you = Falls Sie dies nicht angefordert haben, können Sie diese Nachricht ignorieren.
mail-secure-account = Falls Sie das nicht waren, setzen Sie sofort Ihr Passwort zurück und prüfen Sie die Sitzungen auf Ihrer Kontoseite.
mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse
mail-verify-link = Öffnen Sie diesen Link, um Ihre Adresse zu bestätigen. Er kann einmal verwendet werden und ist { $ttl } lang gültig.
mail-verify-code = Oder geben Sie diesen Code auf der Seite ein, auf der Sie sich registriert haben. Er ist { $ttl } lang gültig.
mail-verify-action = E-Mail-Adresse bestätigen
mail-signup-existing-subject = Jemand hat versucht, sich mit Ihrer E-Mail-Adresse zu registrieren
mail-signup-existing-heading = Sie haben bereits ein Konto
mail-signup-existing = Jemand, möglicherweise Sie selbst, hat versucht, mit dieser E-Mail-Adresse ein Konto zu erstellen. Für diese Adresse besteht bereits ein Konto, daher wurde nichts geändert.
mail-signup-existing-forgot = Falls Sie Ihr Passwort vergessen haben, verwenden Sie auf der Anmeldeseite „Passwort vergessen?“.
mail-sign-in = Anmelden
mail-reset-subject = Setzen Sie Ihr Passwort zurück
mail-reset-link = Öffnen Sie diesen Link, um ein neues Passwort festzulegen. Er kann einmal verwendet werden und ist { $ttl } lang gültig.
mail-reset-action = Neues Passwort festlegen
mail-invite-subject = Ihr neues Konto
mail-invite-link = Für diese Adresse wurde ein Konto für Sie angelegt. Öffnen Sie diesen Link, um Ihr Passwort festzulegen. Er kann einmal verwendet werden und ist { $ttl } lang gültig.
mail-invite-action = Passwort festlegen
mail-password-reset-subject = Ihr Passwort wurde zurückgesetzt
mail-password-reset = Ihr Passwort wurde zurückgesetzt. Alle Sitzungen und Anmeldungen bei Anwendungen wurden beendet.
mail-password-changed-subject = Ihr Passwort wurde geändert
mail-password-changed = Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden abgemeldet.
mail-review-account = Konto überprüfen
mail-locked-subject = Ihr Konto wurde nach fehlgeschlagenen Anmeldeversuchen gesperrt
mail-locked-heading = Ihr Konto ist vorübergehend gesperrt
mail-locked = Es gab mehrere fehlgeschlagene Versuche, sich bei Ihrem Konto anzumelden. Daher ist die Anmeldung für { $wait } gesperrt.
mail-locked-not-yours = Falls diese Versuche nicht von Ihnen stammen, kennt oder errät möglicherweise jemand Ihr Passwort: Legen Sie ein neues fest.
mail-locked-action = Passwort zurücksetzen
mail-locked-footer = Falls Sie es waren, warten Sie und versuchen Sie es dann erneut oder setzen Sie Ihr Passwort zurück.
mail-email-change-subject = Bestätigen Sie Ihre neue E-Mail-Adresse
mail-email-change-link = Öffnen Sie diesen Link, um diese Adresse als E-Mail-Adresse Ihres Kontos festzulegen. Er kann einmal verwendet werden und ist { $ttl } lang gültig.
mail-email-change-code = Oder geben Sie diesen Code auf Ihrer Kontoseite ein.
mail-email-change-action = E-Mail-Adresse bestätigen
mail-email-changed-subject = Die E-Mail-Adresse Ihres Kontos wurde geändert
mail-email-changed-heading = Ihre E-Mail-Adresse wurde geändert
mail-email-changed = Ihr Konto verwendet jetzt { $email }. An diese Adresse werden keine E-Mails mehr gesendet.
mail-deleted-subject = Ihr Konto wurde gelöscht
mail-deleted = Ihr Konto wurde gelöscht und alle Anmeldungen bei Anwendungen wurden beendet.
mail-deleted-erased = { $days ->
    [one] Ihre personenbezogenen Daten werden innerhalb eines Tages gelöscht; im Sicherheitsprotokoll bleibt nur eine anonyme Kennung erhalten.
   *[other] Ihre personenbezogenen Daten werden innerhalb von { $days } Tagen gelöscht; im Sicherheitsprotokoll bleibt nur eine anonyme Kennung erhalten.
}
mail-deleted-footer = Falls Sie dies nicht veranlasst haben, wenden Sie sich sofort an den Administrator dieses Dienstes.

## Text messages

sms-verify-phone = { $code } ist Ihr Code zur Bestätigung Ihrer Telefonnummer. Geben Sie ihn an niemanden weiter.
sms-reset-password = { $code } ist Ihr Code zum Zurücksetzen Ihres Passworts. Geben Sie ihn an niemanden weiter.
