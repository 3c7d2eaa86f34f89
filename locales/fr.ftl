# Messages de Portcullis : français (l’anglais, en.ftl, sert de langue de repli).
#
# Les opérateurs peuvent remplacer n’importe quel message, langue par langue, depuis PORTCULLIS_MESSAGES_DIR
# (un fichier nommé comme celui-ci : en.ftl, fr.ftl, ...) ; voir docs/messages.md. Les variables s’écrivent { $name }.

## Éléments communs

product-name = Portcullis
datetime = { $day } { $month } { $year }, { $time } UTC
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.
field-email = Adresse e-mail
field-password = Mot de passe
button-continue = Continuer
link-back-to-sign-in = Retour à la connexion
problem-code-wrong = Ce code est incorrect ou a expiré.
problem-email-invalid = Saisissez une adresse e-mail au format nom@example.com.
problem-phone-invalid = Saisissez le numéro de téléphone avec l’indicatif du pays, par exemple +33 1 23 45 67 89.
problem-passwords-differ = Les mots de passe ne correspondent pas.
problem-current-password = Le mot de passe actuel est incorrect.
problem-email-same = C’est déjà votre adresse e-mail.
problem-email-taken = Cette adresse appartient désormais à un autre compte.
problem-name-too-long = Votre nom ne doit pas dépasser { $max } caractères.
password-help = Au moins { $min } caractères. Évitez les mots courants, ainsi que votre nom ou votre adresse e-mail.
language-name = Français
language-label = Langue
language-change = Changer
detour-continue = Poursuivre la connexion
detour-elsewhere = Pour continuer, revenez à la fenêtre dans laquelle vous avez commencé à vous connecter.
footer-nav = À propos de ce service
footer-privacy = Confidentialité
footer-terms = Conditions d’utilisation
footer-imprint = Mentions légales
footer-support = Aide et assistance

## Connexion

login-title = Connexion
login-context = pour continuer vers { $client }
login-submit = Se connecter
login-forgot = Mot de passe oublié ?
login-new-here = Pas encore de compte ?
login-create-account = Créer un compte
login-cancel = Annuler et revenir
login-invalid-credentials = L’adresse e-mail ou le mot de passe est incorrect.
login-verify-email-sent = Vérifiez votre adresse e-mail pour terminer la connexion. Nous vous avons envoyé un nouveau lien et un nouveau code.
login-verify-email = Vérifiez votre adresse e-mail pour terminer la connexion.

## Fournisseurs d’identité externes

login-next = Continuer
login-or = ou
login-upstream = Continuer avec { $name }
upstream-failed-title = Cette connexion n’a pas abouti
upstream-failed = { $name } ne vous a pas connecté. Réessayez, ou connectez-vous autrement.
upstream-unknown = Ce moyen de connexion n’est pas disponible.
upstream-not-linked = Votre compte { $name } n’est lié à aucun compte ici. Connectez-vous autrement.
upstream-no-account = Aucun compte ici n’a l’adresse e-mail transmise par { $name }. Demandez un compte à l’administrateur.
review-title = Terminez votre connexion
review-intro = { $name } n’a pas transmis votre adresse e-mail. Saisissez-la : nous y enverrons un code pour confirmer qu’elle est à vous.
review-submit = Envoyer le code
review-code-intro = Nous avons envoyé un code à 6 chiffres à { $email }. Saisissez-le pour confirmer l’adresse.
review-other-address = Utiliser une autre adresse
upstream-unavailable = Ce compte ne peut pas se connecter.
link-title = Lier votre connexion { $name }
link-intro = Un compte avec l’adresse e-mail { $email } existe déjà. Saisissez son mot de passe pour y lier votre connexion { $name } ; la prochaine fois, { $name } suffira.
link-submit = Lier et se connecter
link-other-way = Se connecter autrement
telegram-title = Connexion avec { $name }…
telegram-missing = Telegram n’a renvoyé aucune connexion. Revenez en arrière et réessayez.
telegram-needs-js = La connexion avec Telegram nécessite JavaScript.
linked-heading = Connexion avec d’autres services
linked-none = Aucun autre service ne vous connecte à ce compte.
linked-since = Lié le { $date }
linked-add = Lier { $name }
linked-remove = Délier
linked-remove-label = Délier { $name }
linked-removed = La connexion a été déliée.
linked-last-way = C’est votre seul moyen de connexion. Définissez un mot de passe ou ajoutez une clé d’accès avant de la délier.
linked-elsewhere = Ce compte { $name } connecte déjà à un autre compte ici.

## Inscription

register-title = Créer votre compte
register-confirm-password = Confirmer le mot de passe
register-name = Nom (facultatif)
register-phone = Numéro de téléphone (facultatif)
register-phone-help = Avec l’indicatif du pays, par exemple +33 1 23 45 67 89. Vous pourrez le vérifier plus tard afin de réinitialiser votre mot de passe par SMS.
register-submit = Créer le compte
register-have-account = Vous avez déjà un compte ?
register-sign-in = Se connecter
check-email-title = Consultez votre messagerie
check-email-intro = Si l’adresse { $email } peut être utilisée pour un nouveau compte, nous y avons envoyé un lien et un code à 6 chiffres. Ouvrez le lien ou saisissez le code ici.
check-email-code = Code de vérification
check-email-submit = Vérifier
check-email-resend = Envoyer un nouveau code
check-email-resent = Nous avons envoyé un nouveau lien et un nouveau code.
check-email-code-wrong = Ce code est incorrect ou a expiré. Consultez le message le plus récent ou demandez un nouveau code.
signup-unavailable-title = L’inscription n’est pas disponible
signup-unavailable = Il n’est pas possible de créer un compte ici. Demandez un compte à l’administrateur.

## Récupération du mot de passe

forgot-title = Réinitialiser votre mot de passe
forgot-channel = Par quel moyen pouvons-nous vous joindre ?
forgot-channel-email = M’envoyer un lien par e-mail
forgot-channel-sms = M’envoyer un code par SMS sur mon téléphone vérifié
forgot-submit = Envoyer
forgot-sent-title = Consultez votre messagerie
forgot-sent = Si un compte utilise cette adresse, nous y avons envoyé un lien pour choisir un nouveau mot de passe. Ce lien n’est utilisable qu’une fois, pendant une durée limitée.
forgot-sms-sent = Si le compte possède un numéro de téléphone vérifié, nous y avons envoyé un code.
reset-title = Choisir un nouveau mot de passe
reset-sms-code = Code reçu par SMS
reset-new-password = Nouveau mot de passe
reset-confirm-password = Confirmer le nouveau mot de passe
reset-submit = Enregistrer le nouveau mot de passe
reset-done-title = Mot de passe modifié
reset-done = Votre mot de passe a été modifié et toutes vos sessions ont été fermées. Connectez-vous avec le nouveau mot de passe.

## Liens de vérification de l’adresse e-mail

verify-confirm-title = Confirmez votre adresse e-mail
verify-confirm = Cliquez sur le bouton pour confirmer que cette adresse est bien la vôtre.
verify-confirm-button = Confirmer
verify-expired-title = Ce lien a expiré
verify-expired = Ce lien a déjà été utilisé ou n’est plus valable. Connectez-vous pour en recevoir un nouveau.
verify-done-title = Adresse e-mail vérifiée
verify-done = Merci. Votre adresse e-mail est vérifiée et vous pouvez vous connecter.

## Consentement

consent-title = Autoriser l’accès
consent-heading = Autoriser { $client } à accéder à votre compte ?
consent-signed-in-as = Compte connecté : { $email }
consent-not-you = Ce n’est pas vous ? Utiliser un autre compte
consent-asking = { $client } demande l’autorisation de :
consent-allow = Autoriser
consent-deny = Refuser
consent-client-policy = Politique de confidentialité de { $client }
consent-client-terms = Conditions d’utilisation de { $client }
consent-choose = Veuillez faire un choix
scope-openid = Vous connecter avec votre compte
scope-profile = Voir votre nom et les informations de votre profil
scope-email = Voir votre adresse e-mail
scope-phone = Voir votre numéro de téléphone
scope-address = Voir votre adresse postale
scope-offline_access = Conserver l’accès même lorsque vous n’utilisez pas l’application
scope-roles = Voir vos rôles et vos groupes

## Déconnexion

logout-title = Déconnexion
logout-heading = Se déconnecter ?
logout-client-asks = { $client } vous demande de vous déconnecter.
logout-question = Voulez-vous vous déconnecter du service { $product } ?
logout-submit = Se déconnecter
logout-cancel = Rester connecté
logged-out-title = Déconnexion effectuée
logged-out-heading = Votre session est fermée
logged-out-close = Vous pouvez fermer cette fenêtre.
logged-out-return = Revenir à { $client }
form-post-title = Continuer
form-post-heading = Continuer vers l’application
form-post-noscript = JavaScript est désactivé : cliquez sur le bouton pour continuer.

## Erreurs

error-code = Erreur :
error-request-id = Référence pour l’assistance :
error-back-to = Revenir à { $client }
error-go-account = Accéder à votre compte
error-request-rejected = L’application a envoyé une demande qui ne peut pas aboutir. Revenez-y et réessayez ; si cela se reproduit, contactez son assistance.
error-unavailable = Le service est surchargé ou en maintenance. Veuillez réessayer dans un instant.
error-server = Une erreur s’est produite de notre côté. Veuillez réessayer dans un instant.
error-try-again = Veuillez réessayer
error-invalid-request-title = Demande non valide
error-authorize-title = Cette demande de connexion n’est pas valide
error-logout-title = La demande de déconnexion n’est pas valide
error-too-many-title = Trop de tentatives
error-too-many = Veuillez patienter { $wait }, puis réessayer.
wait-minutes = { $n ->
    [one] { $n } minute
    [many] { $n } de minutes
   *[other] { $n } minutes
}
wait-hours = { $n ->
    [one] { $n } heure
    [many] { $n } d’heures
   *[other] { $n } heures
}
expired-title = Ce lien de connexion a expiré
expired = Revenez à l’application et recommencez la connexion.
not-found-title = Page introuvable
not-found = Il n’y a aucune page à cette adresse. Vérifiez le lien ou allez à votre compte.
method-not-allowed-title = Cette action n’est pas possible ici
method-not-allowed = Cette adresse n’accepte pas ce type de demande. Revenez en arrière et réessayez.

## Pages du compte

account-title = Votre compte
account-signed-in-as = Compte connecté : { $email }
account-nav = Compte
nav-profile = Profil
nav-password = Mot de passe
nav-sessions = Sessions
nav-activity = Activité
nav-apps = Applications
nav-data = Vos données
idle-noscript = { $minutes ->
    [one] Pour votre sécurité, votre session est fermée après { $minutes } minute d’inactivité.
    [many] Pour votre sécurité, votre session est fermée après { $minutes } de minutes d’inactivité.
   *[other] Pour votre sécurité, votre session est fermée après { $minutes } minutes d’inactivité.
}
idle-title = Êtes-vous toujours là ?
idle-stay = Rester connecté
idle-text = Votre session sera fermée dans <span id="idle-countdown"></span> pour cause d’inactivité.
badge-verified = Vérifié
badge-not-verified = Non vérifié
badge-this-device = Cet appareil
action-column = Action

profile-heading = Profil
profile-name = Nom
profile-save-name = Enregistrer le nom
profile-name-saved = Nom enregistré.
profile-email-heading = Adresse e-mail
profile-email-code = Code envoyé à la nouvelle adresse
profile-email-code-submit = Confirmer la nouvelle adresse
profile-new-email = Nouvelle adresse e-mail
profile-current-password = Mot de passe actuel
profile-email-help = Votre adresse ne sera modifiée qu’après l’ouverture du lien (ou la saisie du code) que nous enverrons à la nouvelle adresse.
profile-email-submit = Modifier l’adresse e-mail
profile-email-check = Consultez la nouvelle adresse : ouvrez le lien que nous y avons envoyé ou saisissez ici le code reçu.
profile-email-changed = Votre adresse e-mail a été modifiée.
profile-email-confirm-title = Confirmez votre nouvelle adresse e-mail
profile-email-confirm = Cliquez sur le bouton pour faire de cette adresse l’adresse e-mail de votre compte.
profile-email-done-title = Adresse e-mail modifiée
profile-email-done = Votre compte utilise désormais cette adresse.
profile-email-failed-title = L’adresse n’a pas été modifiée
profile-go-to-account = Accéder à votre compte
profile-phone-heading = Numéro de téléphone
profile-no-phone = Aucun numéro de téléphone.
profile-phone-code = Code reçu par SMS
profile-phone-verify = Vérifier le numéro
profile-new-phone = Nouveau numéro de téléphone
profile-phone = Numéro de téléphone
profile-phone-help = Avec l’indicatif du pays, par exemple +33 1 23 45 67 89. Nous vous enverrons un code par SMS pour le vérifier.
profile-phone-help-keep = Avec l’indicatif du pays, par exemple +33 1 23 45 67 89. Nous vous enverrons un code par SMS pour le vérifier ; d’ici là, votre numéro actuel est conservé.
profile-phone-send = Envoyer le code
profile-phone-remove = Supprimer le numéro de téléphone
profile-phone-sent = Nous avons envoyé un code par SMS au nouveau numéro. Saisissez-le pour enregistrer ce numéro.
profile-phone-verified = Numéro de téléphone vérifié.
profile-phone-removed = Numéro de téléphone supprimé.

password-heading = Modifier le mot de passe
password-current = Mot de passe actuel
password-new = Nouveau mot de passe
password-confirm = Confirmer le nouveau mot de passe
password-change-help = Au moins { $min } caractères. Vos autres sessions seront fermées après la modification.
password-submit = Modifier le mot de passe
password-changed = Mot de passe modifié. Vos autres sessions ont été fermées.

sessions-heading = Vos sessions ouvertes
sessions-count = { $n ->
    [one] { $n } session active
    [many] { $n } de sessions actives
   *[other] { $n } sessions actives
}
sessions-device = Appareil
sessions-ip = Adresse IP
sessions-signed-in = Connexion
sessions-last-active = Dernière activité
sessions-sign-out = Déconnecter
sessions-sign-out-label = Déconnecter { $device }, dernière activité { $when }
sessions-sign-out-others = Déconnecter toutes les autres sessions
sessions-signed-out = La session a été fermée.
sessions-others-signed-out = { $n ->
    [one] { $n } autre session a été fermée.
    [many] { $n } d’autres sessions ont été fermées.
   *[other] { $n } autres sessions ont été fermées.
}
sessions-already-ended = Cette session est déjà terminée.
sessions-use-sign-out = Pour fermer cette session, utilisez « Se déconnecter ».

activity-heading = Activité de sécurité récente
activity-none = Aucune activité pour le moment.
activity-when = Date
activity-what = Événement
activity-line = { $what } depuis { $device }
activity-unknown-device = un appareil inconnu
activity-an-app = Une application
activity-login-password = Connexion avec un mot de passe
activity-login-password-failed = Quelqu’un a tenté de se connecter avec un mot de passe erroné
activity-logout = Déconnexion
activity-account-registered = Création du compte
activity-account-registered-failed = Quelqu’un a tenté de s’inscrire à nouveau avec cette adresse e-mail
activity-email-verified = Adresse e-mail confirmée
activity-email-change-requested = Demande de changement d’adresse e-mail
activity-email-changed = Adresse e-mail modifiée
activity-password-changed = Mot de passe modifié
activity-password-reset-requested = Demande de réinitialisation du mot de passe
activity-password-reset = Mot de passe réinitialisé
activity-account-locked = Le compte a été verrouillé après des échecs de connexion
activity-account-unlocked = Le compte a été déverrouillé
activity-profile-updated = Profil mis à jour
activity-phone-code-sent = Demande d’un code de vérification du téléphone
activity-session-revoked = Déconnexion d’une session
activity-consent-granted = Accès au compte accordé à { $app }
activity-consent-revoked = Accès de { $app } retiré
activity-token-issued = { $app } vous a connecté
activity-token-refreshed = { $app } a renouvelé son accès
activity-token-revoked = { $app } a renoncé à son accès
activity-token-refused = { $app } s’est vu refuser l’accès
activity-rate-limited = Trop de tentatives ont été bloquées pendant un moment
activity-account-exported = Téléchargement des données du compte
activity-login-password-totp = Connexion avec un mot de passe et une application d’authentification
activity-login-password-recovery-code = Connexion avec un mot de passe et un code de secours
activity-login-password-second-step = Connexion avec un mot de passe et une seconde étape
activity-step-up = Identité confirmée
activity-step-up-password = Identité confirmée avec le mot de passe
activity-step-up-totp = Identité confirmée avec une application d’authentification
activity-step-up-recovery-code = Identité confirmée avec un code de secours
activity-factor-totp = Saisie d’un code provenant d’une application d’authentification
activity-factor-recovery-code = Un code de secours a été utilisé
activity-factor-failed-totp = Quelqu’un a saisi un code erroné provenant d’une application d’authentification
activity-factor-failed-recovery-code = Quelqu’un a saisi un code de secours erroné
activity-factor-locked = Quelqu’un a saisi un code alors que le compte était verrouillé
activity-factor-too-many = Un code a été refusé après trop de tentatives
activity-mfa-totp-added = Une application d’authentification a été ajoutée
activity-mfa-totp-removed = Une application d’authentification a été supprimée
activity-mfa-totp-renamed = Une application d’authentification a été renommée
activity-recovery-codes-generated = De nouveaux codes de secours ont été créés
activity-recovery-codes-voided = Les codes de secours ont été annulés
activity-mfa-reset = Un administrateur a supprimé toutes les secondes étapes et fermé toutes les sessions
activity-other = Autre activité du compte
activity-other-failed = Une action sur le compte a échoué
activity-login-passkey = Connexion avec une clé d’accès
activity-login-passkey-failed = Quelqu’un a tenté de se connecter avec une clé d’accès refusée
activity-login-federated = Connexion par un autre service
activity-login-federated-failed = Une connexion par un autre service a été refusée
activity-federation-linked = Une connexion avec un autre service a été liée à votre compte
activity-federation-unlinked = Une connexion liée a été retirée
activity-profile-synced = Votre nom a été mis à jour depuis votre service de connexion
activity-login-password-webauthn = Connexion avec un mot de passe et une clé d’accès ou de sécurité
activity-login-password-email-code = Connexion avec un mot de passe et un code reçu par e-mail
activity-login-password-sms-code = Connexion avec un mot de passe et un code reçu par SMS
activity-step-up-webauthn = Identité confirmée avec une clé d’accès ou de sécurité
activity-step-up-email-code = Identité confirmée avec un code reçu par e-mail
activity-step-up-sms-code = Identité confirmée avec un code reçu par SMS
activity-factor-webauthn = Utilisation d’une clé d’accès ou de sécurité
activity-factor-email-code = Saisie d’un code reçu par e-mail
activity-factor-sms-code = Saisie d’un code reçu par SMS
activity-factor-failed-webauthn = Quelqu’un a utilisé une clé d’accès ou de sécurité refusée
activity-factor-failed-email-code = Quelqu’un a saisi un code erroné reçu par e-mail
activity-factor-failed-sms-code = Quelqu’un a saisi un code erroné reçu par SMS
activity-mfa-webauthn-added = Une clé d’accès ou de sécurité a été ajoutée
activity-mfa-webauthn-removed = Une clé d’accès ou de sécurité a été supprimée
activity-mfa-webauthn-renamed = Une clé d’accès ou de sécurité a été renommée
activity-mfa-email-code-on = Les codes de connexion par e-mail ont été activés
activity-mfa-email-code-off = Les codes de connexion par e-mail ont été désactivés
activity-mfa-sms-code-on = Les codes de connexion par SMS ont été activés
activity-mfa-sms-code-off = Les codes de connexion par SMS ont été désactivés
activity-device-remembered = Un navigateur a été mémorisé et passe la seconde étape
activity-device-forgotten = Un navigateur mémorisé a été oublié
activity-setup-put-off = Configuration d’une seconde étape remise à plus tard

device-browser-on-os = { $browser } sur { $os }
device-unknown-browser = Navigateur inconnu
device-unknown-browser-on-os = Navigateur inconnu sur { $os }

apps-heading = Applications ayant accès à votre compte
apps-none = Aucune application n’a accès à votre compte.
apps-application = Application
apps-access = Accès
apps-since = Depuis
apps-remove = Retirer l’accès
apps-remove-label = Retirer l’accès de { $client }
apps-removed = Accès retiré. L’application devra de nouveau demander votre autorisation.
apps-no-access = Cette application n’a pas accès à votre compte.

data-export-heading = Télécharger vos données
data-export-intro = Un fichier JSON contenant votre profil, vos sessions, vos applications et votre activité.
data-export-submit = Télécharger mes données
data-delete-heading = Supprimer votre compte
data-delete-intro = { $days ->
    [one] Toutes vos sessions seront immédiatement fermées et les applications perdront leur accès. Vos données personnelles seront effacées dans un délai de { $days } jour ; le journal de sécurité ne conservera qu’un identifiant anonyme.
    [many] Toutes vos sessions seront immédiatement fermées et les applications perdront leur accès. Vos données personnelles seront effacées dans un délai de { $days } de jours ; le journal de sécurité ne conservera qu’un identifiant anonyme.
   *[other] Toutes vos sessions seront immédiatement fermées et les applications perdront leur accès. Vos données personnelles seront effacées dans un délai de { $days } jours ; le journal de sécurité ne conservera qu’un identifiant anonyme.
}
data-delete-password = Mot de passe actuel
data-delete-confirm = Je comprends que cette action est irréversible
data-delete-submit = Supprimer mon compte
data-delete-tick = Cochez la case pour confirmer que vous avez bien compris.
data-deleted-title = Compte supprimé
data-deleted = Votre compte a été supprimé et toutes vos sessions ont été fermées.

## Seconds facteurs

factor-title = Validation en deux étapes
factor-intro-totp = Saisissez le code à 6 chiffres de votre application d’authentification.
factor-intro-recovery = Saisissez l’un de vos codes de secours. Chaque code ne fonctionne qu’une fois.
factor-code = Code
factor-recovery-code = Code de secours
factor-submit = Valider
factor-other-ways = Essayer une autre méthode
factor-use-totp = Utiliser votre application d’authentification
factor-use-recovery = Utiliser un code de secours
factor-code-wrong = Ce code est incorrect, déjà utilisé ou expiré. Saisissez le code le plus récent.
enrol-title = Configurer la validation en deux étapes
enrol-intro = Cette connexion demande une seconde étape. Configurez-la maintenant ; cela prend une minute.
enrol-done = Votre application d’authentification est configurée.
setup-offer-title = Protégez votre compte
setup-offer-intro = Ajoutez une seconde étape à votre connexion, pour qu’un mot de passe volé ne suffise pas à entrer. Cela prend une minute.
setup-grace-intro = À partir du { $date }, votre connexion demandera une seconde étape. Configurez-la maintenant, ou plus tard avant cette date.
setup-or-passkey = Ou utilisez une clé d’accès ou une clé de sécurité
setup-later = Pas maintenant
totp-title = Ajouter une application d’authentification
totp-step-scan = Scannez ce code QR avec une application d’authentification.
totp-qr-label = Code QR de la clé ci-dessous
totp-manual = Impossible de le scanner ? Saisissez plutôt cette clé dans l’application :
totp-step-code = Saisissez le code à 6 chiffres affiché par l’application, et un nom pour la reconnaître.
totp-name = Nom
totp-default-name = Application d’authentification
totp-submit = Activer
recovery-codes-title = Enregistrez vos codes de secours
recovery-codes-intro = Si vous perdez votre téléphone ou votre clé, chacun de ces codes vous permet de vous connecter une fois à la place de la seconde étape. Imprimez-les ou gardez-les dans un gestionnaire de mots de passe.
recovery-codes-once = Ils ne sont affichés que maintenant. En créer de nouveaux annule ceux-ci.
security-title = Sécurité de connexion
security-intro = Une seconde étape à la connexion protège votre compte même si quelqu’un connaît votre mot de passe.
security-totp-heading = Applications d’authentification
security-totp-none = Vous n’avez configuré aucune application d’authentification.
security-totp-add = Ajouter une application d’authentification
security-factor-added = Ajoutée le { $date }
security-factor-used = Utilisée pour la dernière fois le { $date }
security-factor-unused = Pas encore utilisée
security-rename = Renommer
security-new-name = Nouveau nom pour { $name }
security-remove = Supprimer
security-remove-label = Supprimer { $name }
security-recovery-heading = Codes de secours
security-recovery-left = { $count ->
    [one] Il reste un code de secours inutilisé.
   *[other] Il reste { $count } codes de secours inutilisés.
}
security-recovery-none = Vous n’avez aucun code de secours.
security-recovery-generate = Créer de nouveaux codes de secours
security-recovery-voids = Créer de nouveaux codes annule les anciens.
security-totp-added = Votre application d’authentification est configurée.
security-totp-removed = L’application d’authentification a été supprimée.
security-renamed = Le nom a été enregistré.
problem-mfa-name-required = Saisissez un nom.
problem-mfa-name-too-long = Choisissez un nom plus court.
problem-mfa-name-invalid = Utilisez un nom sur une seule ligne.
problem-totp-enrolment-expired = Cette configuration a expiré. Scannez le nouveau code QR et saisissez son code.
problem-totp-too-many = Vous avez configuré le nombre maximal d’applications d’authentification. Supprimez-en une d’abord.
problem-totp-label = L’application n’a pas pu être configurée pour ce compte.
mail-security-changed-subject = Votre façon de vous connecter a changé
mail-security-totp-added = Une application d’authentification a été configurée pour vous connecter à votre compte.
mail-security-totp-removed = Une application d’authentification a été supprimée de votre compte.
mail-security-recovery-generated = De nouveaux codes de secours ont été créés pour votre compte. Les anciens ne fonctionnent plus.
mail-security-mfa-reset = Un administrateur a supprimé toutes les secondes étapes de votre compte (applications d’authentification, clés d’accès et de sécurité, codes de connexion, codes de secours) et a fermé toutes vos sessions. Pour protéger à nouveau votre compte par une seconde étape, configurez-en une sur votre page de sécurité.
mail-recovery-code-used-subject = Un code de secours a été utilisé
mail-recovery-code-used = Quelqu’un s’est connecté à votre compte avec l’un de vos codes de secours.
mail-recovery-codes-left = { $count ->
    [one] Il reste un code de secours.
   *[other] Il reste { $count } codes de secours.
}
mail-recovery-codes-few = Créez bientôt de nouveaux codes de secours pour ne pas être bloqué si vous perdez votre téléphone.
mail-security-action = Vérifier la sécurité de connexion
mail-not-you-security = Si ce n’était pas vous, changez votre mot de passe et vérifiez dès maintenant la sécurité de connexion.
reauth-title = Confirmez votre identité
reauth-intro = Saisissez votre mot de passe pour effectuer cette modification.
reauth-intro-code = Saisissez votre mot de passe et un code de votre application d’authentification (ou un code de secours) pour effectuer cette modification.
reauth-code = Code de votre application, ou code de secours
reauth-submit = Confirmer
factor-intro-sent = Nous envoyons un code à 6 chiffres à { $to }. Il est valable 5 minutes.
factor-send = Envoyer le code
factor-send-again = Envoyer un nouveau code
factor-code-sent = Nous avons envoyé un code à { $to }.
factor-use-email = Recevoir un code par e-mail
factor-use-sms = Recevoir un code par SMS
security-channels-heading = Codes par e-mail ou SMS
security-email-status-on = Les codes de connexion sont envoyés par e-mail à { $to }.
security-email-offer = Recevoir les codes de connexion par e-mail à { $to }.
security-sms-status-on = Les codes de connexion sont envoyés par SMS à { $to }.
security-sms-offer = Recevoir les codes de connexion par SMS au { $to }.
security-sms-no-phone = Pour recevoir des codes par SMS, ajoutez et vérifiez un numéro de téléphone dans votre profil.
security-email-unverified = Vérifiez votre adresse e-mail pour recevoir des codes par e-mail.
security-channel-send = Envoyer un code pour activer
security-channel-code-sent = Nous avons envoyé un code à { $to }. Saisissez-le pour activer les codes de connexion.
security-channel-confirm = Activer
security-turn-off = Désactiver
security-channel-on = Les codes de connexion sont activés.
security-channel-off = Les codes de connexion sont désactivés.
mail-security-email-on = Les codes de connexion par e-mail ont été activés pour votre compte.
mail-security-sms-on = Les codes de connexion par SMS ont été activés pour votre compte.
mail-security-channel-off = Les codes de connexion par e-mail ou SMS ont été désactivés pour votre compte.
mail-confirm-address-subject = Confirmez votre adresse e-mail
mail-confirm-address = Saisissez ce code pour confirmer votre adresse e-mail et terminer la connexion. Il expire dans { $ttl }.
mail-sign-in-code-subject = Votre code de connexion
mail-sign-in-code = Saisissez ce code pour terminer la connexion. Il expire dans { $ttl }.
mail-sign-in-code-not-you = Si vous n’êtes pas en train de vous connecter, quelqu’un connaît votre mot de passe : changez-le.
sms-sign-in = { $code } est votre code de connexion. Ne le communiquez à personne.
reauth-send = Envoyer un code à { $to }
login-passkey = Se connecter avec une clé d’accès
login-passkey-failed = Cette clé d’accès n’a pas permis de vous connecter. Réessayez, ou connectez-vous avec votre mot de passe.
factor-intro-webauthn = Utilisez votre clé d’accès ou votre clé de sécurité.
factor-use-webauthn = Utiliser une clé d’accès ou une clé de sécurité
factor-webauthn-button = Utiliser une clé d’accès ou de sécurité
webauthn-failed = La clé d’accès ou la clé de sécurité n’a pas répondu. Réessayez.
webauthn-needs-js = Les clés d’accès et les clés de sécurité nécessitent JavaScript.
security-webauthn-heading = Clés d’accès et clés de sécurité
security-webauthn-none = Vous n’avez aucune clé d’accès ni clé de sécurité.
security-passkey-add = Ajouter une clé d’accès
security-key-add = Ajouter une clé de sécurité
security-webauthn-name = Nom de la nouvelle clé
security-webauthn-default-name = Clé d’accès
security-webauthn-added = Votre clé d’accès ou clé de sécurité est configurée.
security-webauthn-removed = La clé d’accès ou la clé de sécurité a été supprimée.
security-webauthn-passkey = Clé d’accès
security-webauthn-security-key = Clé de sécurité
mail-security-webauthn-added = Une clé d’accès ou une clé de sécurité a été ajoutée à votre compte.
mail-security-webauthn-removed = Une clé d’accès ou une clé de sécurité a été supprimée de votre compte.
problem-webauthn-unavailable = Les clés d’accès ne sont pas disponibles sur ce site.
problem-webauthn-too-many = Vous avez ajouté le nombre maximal de clés. Supprimez-en une d’abord.
problem-webauthn-user-name = Votre compte doit avoir une adresse e-mail pour ajouter une clé d’accès.
problem-webauthn-authenticator-not-allowed = Ce type de clé d’accès ou de clé de sécurité n’est pas autorisé ici.
problem-webauthn-already-registered = Cette clé d’accès ou clé de sécurité est déjà ajoutée.
factor-remember = { $days ->
    [one] Ne plus demander sur cet appareil pendant un jour
   *[other] Ne plus demander sur cet appareil pendant { $days } jours
}
security-devices-heading = Appareils mémorisés
security-devices-none = Aucun appareil ne saute la seconde étape.
security-device-until = Mémorisé le { $date }, jusqu’au { $until }
security-forget = Oublier
security-forget-label = Oublier { $device }
security-device-forgotten = La seconde étape sera de nouveau demandée sur cet appareil.
nav-security = Sécurité

## Règles de mot de passe

policy-too-short = { $min ->
    [one] Utilisez au moins { $min } caractère.
    [many] Utilisez au moins { $min } de caractères.
   *[other] Utilisez au moins { $min } caractères.
}
policy-too-long = Utilisez au plus { $max } caractères.
policy-personal = Votre mot de passe ne doit reposer ni sur votre nom ni sur votre adresse e-mail.
policy-guessable = Ce mot de passe est trop facile à deviner.

## Conseils pour le mot de passe

advice-straight-rows-of-keys = Les rangées de touches consécutives sont faciles à deviner.
advice-short-keyboard-patterns = Les motifs courts sur le clavier sont faciles à deviner.
advice-repeats-like-aaa = Les répétitions comme « aaa » sont faciles à deviner.
advice-repeats-like-abcabc = Les répétitions comme « abcabcabc » sont à peine plus difficiles à deviner que « abc ».
advice-top-10-password = Ce mot de passe fait partie des 10 plus courants.
advice-top-100-password = Ce mot de passe fait partie des 100 plus courants.
advice-common-password = C’est un mot de passe très courant.
advice-similar-to-common-password = Ce mot de passe ressemble à un mot de passe très utilisé.
advice-sequences-like-abc = Les suites comme abc ou 6543 sont faciles à deviner.
advice-recent-years = Les années récentes sont faciles à deviner.
advice-word-by-itself = Un mot seul est facile à deviner.
advice-dates = Les dates sont souvent faciles à deviner.
advice-names-by-themselves = Les prénoms et les noms de famille seuls sont faciles à deviner.
advice-common-names = Les prénoms et les noms de famille courants sont faciles à deviner.
advice-use-a-few-words = Utilisez plusieurs mots et évitez les expressions courantes.
advice-no-need-for-symbols = Inutile d’ajouter des symboles, des chiffres ou des majuscules.
advice-add-another-word = Ajoutez un ou deux mots. Les mots peu courants sont préférables.
advice-capitalization = Les majuscules n’aident pas beaucoup.
advice-all-uppercase = Tout en majuscules est presque aussi facile à deviner que tout en minuscules.
advice-reversed-words = Les mots écrits à l’envers ne sont guère plus difficiles à deviner.
advice-predictable-substitutions = Les substitutions prévisibles, comme « @ » au lieu de « a », n’aident pas beaucoup.
advice-longer-keyboard-pattern = Utilisez un motif de clavier plus long, avec plus de changements de direction.
advice-avoid-repeats = Évitez les mots et les caractères répétés.
advice-avoid-sequences = Évitez les suites de caractères.
advice-avoid-recent-years = Évitez les années récentes.
advice-avoid-your-years = Évitez les années qui ont un lien avec vous.
advice-avoid-your-dates-and-years = Évitez les dates et les années qui ont un lien avec vous.

## E-mails

mail-not-you = Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message.
mail-secure-account = Si vous n’êtes pas à l’origine de cette action, réinitialisez immédiatement votre mot de passe et vérifiez les sessions ouvertes sur la page de votre compte.
mail-verify-subject = Vérifiez votre adresse e-mail
mail-verify-link = Ouvrez ce lien pour vérifier votre adresse. Il n’est valable qu’une fois, pendant { $ttl }.
mail-verify-code = Vous pouvez aussi saisir ce code sur la page d’inscription. Il expire dans { $ttl }.
mail-verify-action = Vérifier l’adresse e-mail
mail-signup-existing-subject = Tentative d’inscription avec votre adresse e-mail
mail-signup-existing-heading = Vous avez déjà un compte
mail-signup-existing = Quelqu’un, peut-être vous, a essayé de créer un compte avec cette adresse e-mail. Un compte existe déjà pour cette adresse : rien n’a été modifié.
mail-signup-existing-forgot = Si vous avez oublié votre mot de passe, utilisez le lien « Mot de passe oublié ? » sur la page de connexion.
mail-sign-in = Se connecter
mail-reset-subject = Réinitialisez votre mot de passe
mail-reset-link = Ouvrez ce lien pour choisir un nouveau mot de passe. Il n’est valable qu’une fois, pendant { $ttl }.
mail-reset-action = Choisir un nouveau mot de passe
mail-invite-subject = Votre nouveau compte
mail-invite-link = Un compte a été créé pour vous avec cette adresse. Ouvrez ce lien pour choisir votre mot de passe. Il n’est valable qu’une fois, pendant { $ttl }.
mail-invite-action = Choisir votre mot de passe
mail-password-reset-subject = Votre mot de passe a été réinitialisé
mail-password-reset = Votre mot de passe a été réinitialisé ; toutes vos sessions et toutes vos connexions aux applications ont été fermées.
mail-password-changed-subject = Votre mot de passe a été modifié
mail-password-changed = Votre mot de passe a été modifié. Vos autres sessions ont été fermées.
mail-review-account = Consulter votre compte
mail-locked-subject = Votre compte a été verrouillé après des échecs de connexion
mail-locked-heading = Votre compte est temporairement verrouillé
mail-locked = Plusieurs tentatives de connexion à votre compte ont échoué : la connexion est donc bloquée pendant { $wait }.
mail-locked-not-yours = Si vous n’êtes pas à l’origine de ces tentatives, quelqu’un connaît peut-être votre mot de passe ou tente de le deviner : choisissez-en un nouveau.
mail-locked-action = Réinitialiser votre mot de passe
mail-locked-footer = Si c’était vous, patientez puis réessayez, ou réinitialisez votre mot de passe.
mail-email-change-subject = Confirmez votre nouvelle adresse e-mail
mail-email-change-link = Ouvrez ce lien pour faire de cette adresse l’adresse e-mail de votre compte. Il n’est valable qu’une fois, pendant { $ttl }.
mail-email-change-code = Vous pouvez aussi saisir ce code sur la page de votre compte.
mail-email-change-action = Confirmer l’adresse e-mail
mail-email-changed-subject = L’adresse e-mail de votre compte a été modifiée
mail-email-changed-heading = Votre adresse e-mail a été modifiée
mail-email-changed = Votre compte utilise désormais l’adresse { $email }. Vous ne recevrez plus de messages à cette adresse-ci.
mail-deleted-subject = Votre compte a été supprimé
mail-deleted = Votre compte a été supprimé et toutes vos connexions aux applications ont été fermées.
mail-deleted-erased = { $days ->
    [one] Vos données personnelles seront effacées dans un délai de { $days } jour ; le journal de sécurité ne conservera qu’un identifiant anonyme.
    [many] Vos données personnelles seront effacées dans un délai de { $days } de jours ; le journal de sécurité ne conservera qu’un identifiant anonyme.
   *[other] Vos données personnelles seront effacées dans un délai de { $days } jours ; le journal de sécurité ne conservera qu’un identifiant anonyme.
}
mail-deleted-footer = Si vous n’êtes pas à l’origine de cette suppression, contactez immédiatement l’administrateur de ce service.

## SMS

sms-verify-phone = { $code } est votre code de vérification de numéro de téléphone. Ne le communiquez à personne.
sms-reset-password = { $code } est votre code de réinitialisation de mot de passe. Ne le communiquez à personne.
