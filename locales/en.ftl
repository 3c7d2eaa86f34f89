# Portcullis messages: English (the fallback of every other language).
#
# Operators override any message per language from PORTCULLIS_MESSAGES_DIR (a file named like
# this one: en.ftl, de.ftl, ...); see docs/messages.md. Variables are written { $name }.

## Shared

product-name = Portcullis
datetime = { $month } { $day }, { $year }, { $time } UTC
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
field-email = Email address
field-password = Password
button-continue = Continue
link-back-to-sign-in = Back to sign in
problem-code-wrong = That code is wrong or has expired.
problem-email-invalid = Enter an email address like name@example.com.
problem-phone-invalid = Enter the phone number with its country code, like +44 20 7946 0958.
problem-passwords-differ = The passwords do not match.
problem-current-password = The current password is incorrect.
problem-email-same = That is already your email address.
problem-email-taken = That address now belongs to another account.
problem-name-too-long = Use at most { $max } characters for your name.
password-help = At least { $min } characters. Avoid common words and your own name or email.
language-name = English
language-label = Language
language-change = Change
detour-continue = Continue signing in
detour-elsewhere = To continue, go back to the window where you started signing in.
footer-nav = About this service
footer-privacy = Privacy
footer-terms = Terms
footer-imprint = Imprint
footer-support = Help and support

## Sign in

login-title = Sign in
login-context = to continue to { $client }
login-submit = Sign in
login-forgot = Forgot your password?
login-new-here = New here?
login-create-account = Create account
login-cancel = Cancel and go back
login-invalid-credentials = The email address or password is incorrect.
login-verify-email-sent = Verify your email address to finish signing in. We sent you a new link and code.
login-verify-email = Verify your email address to finish signing in.

## Upstream identity providers

login-next = Continue
login-or = or
login-upstream = Continue with { $name }
upstream-failed-title = That sign-in did not work
upstream-failed = { $name } did not sign you in. Try again, or sign in another way.
upstream-unknown = This way of signing in is not available.
upstream-not-linked = Your { $name } account is not linked to an account here. Sign in another way.
upstream-no-account = There is no account here for the email address { $name } gave. Ask the administrator for an account.
review-title = Finish signing in
review-intro = { $name } did not share your email address. Enter it, and we will send it a code to confirm it is yours.
review-submit = Send code
review-code-intro = We sent a 6-digit code to { $email }. Enter it to confirm the address.
review-other-address = Use another address
upstream-unavailable = This account cannot sign in.
link-title = Link your { $name } sign-in
link-intro = An account with the email address { $email } already exists. Enter its password to link your { $name } sign-in to it; next time, { $name } alone signs you in.
link-submit = Link and sign in
link-other-way = Sign in another way
telegram-title = Signing you in with { $name }…
telegram-missing = Telegram did not send a sign-in back. Go back and try again.
telegram-needs-js = Signing in with Telegram needs JavaScript.
linked-heading = Sign-in with other services
linked-none = No other service signs in to this account.
linked-since = Linked { $date }
linked-add = Link { $name }
linked-remove = Unlink
linked-remove-label = Unlink { $name }
linked-removed = The sign-in was unlinked.
linked-last-way = This is your only way to sign in. Set a password or add a passkey before you unlink it.
linked-elsewhere = This { $name } account already signs in to another account here.

## Sign up

register-title = Create your account
register-confirm-password = Confirm password
register-name = Name (optional)
register-phone = Phone number (optional)
register-phone-help = With the country code, like +44 20 7946 0958. You can verify it later to reset your password by text message.
register-submit = Create account
register-have-account = Already have an account?
register-sign-in = Sign in
check-email-title = Check your email
check-email-intro = If { $email } can be used for a new account, we have sent it a link and a 6-digit code. Open the link, or enter the code here.
check-email-code = Verification code
check-email-submit = Verify
check-email-resend = Send a new code
check-email-resent = We sent a new link and code.
check-email-code-wrong = That code is wrong or has expired. Check the newest mail, or send a new code.
signup-unavailable-title = Sign-up is not available
signup-unavailable = New accounts cannot be created here. Ask the administrator for an account.

## Password recovery

forgot-title = Reset your password
forgot-channel = How should we reach you?
forgot-channel-email = Email me a link
forgot-channel-sms = Text a code to my verified phone
forgot-submit = Send
forgot-sent-title = Check your email
forgot-sent = If an account uses that address, we have sent it a link to choose a new password. The link works once, for a limited time.
forgot-sms-sent = If the account has a verified phone number, we have sent it a code.
reset-title = Choose a new password
reset-sms-code = Code from the text message
reset-new-password = New password
reset-confirm-password = Confirm new password
reset-submit = Set new password
reset-done-title = Password changed
reset-done = Your password was changed and you were signed out everywhere. Sign in with the new password.

## Email verification links

verify-confirm-title = Confirm your email address
verify-confirm = Press the button to confirm that this address is yours.
verify-confirm-button = Confirm
verify-expired-title = This link has expired
verify-expired = The link was already used or is too old. Sign in to get a new one.
verify-done-title = Email verified
verify-done = Thank you. Your email address is verified and you can sign in.

## Consent

consent-title = Allow access
consent-heading = Allow { $client } to access your account?
consent-signed-in-as = Signed in as { $email }
consent-not-you = Not you? Use another account
consent-asking = { $client } is asking to:
consent-allow = Allow
consent-deny = Deny
consent-client-policy = { $client }'s privacy policy
consent-client-terms = { $client }'s terms of service
consent-choose = Please choose
scope-openid = Sign you in with your account
scope-profile = See your name and profile details
scope-email = See your email address
scope-phone = See your phone number
scope-address = See your postal address
scope-offline_access = Keep access while you are not using it
scope-roles = See your roles and groups

## Sign out

logout-title = Sign out
logout-heading = Sign out?
logout-client-asks = { $client } asks you to sign out.
logout-question = Do you want to sign out of { $product }?
logout-submit = Sign out
logout-cancel = Stay signed in
logged-out-title = Signed out
logged-out-heading = You are signed out
logged-out-close = You can close this window.
logged-out-return = Return to { $client }
form-post-title = Continue
form-post-heading = Continue to the application
form-post-noscript = JavaScript is off: press the button to continue.

## Errors

error-code = Error:
error-request-id = Reference for support:
error-back-to = Back to { $client }
error-go-account = Go to your account
error-request-rejected = The application sent a request that cannot be completed. Go back to it and try again; if this happens again, contact its support.
error-unavailable = The service is busy or under maintenance. Please try again in a moment.
error-server = Something went wrong on our side. Please try again in a moment.
error-try-again = Please try again
error-invalid-request-title = Invalid request
error-authorize-title = This sign-in request is not valid
error-logout-title = The sign-out request is not valid
error-too-many-title = Too many attempts
error-too-many = Please wait { $wait } and try again.
wait-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
wait-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
expired-title = This sign-in link has expired
expired = Go back to the application and start signing in again.
not-found-title = Page not found
not-found = There is no page at this address. Check the link, or go to your account.
method-not-allowed-title = This cannot be done here
method-not-allowed = This address does not accept that kind of request. Go back and try again.

## Account pages

account-title = Your account
account-signed-in-as = Signed in as { $email }
account-nav = Account
nav-profile = Profile
nav-password = Password
nav-sessions = Sessions
nav-activity = Activity
nav-apps = Applications
nav-data = Your data
idle-noscript = { $minutes ->
    [one] For your security you are signed out after one minute without activity.
   *[other] For your security you are signed out after { $minutes } minutes without activity.
}
idle-title = Still there?
idle-stay = Stay signed in
idle-text = You will be signed out in <span id="idle-countdown"></span> because of inactivity.
badge-verified = Verified
badge-not-verified = Not verified
badge-this-device = This device
action-column = Action

profile-heading = Profile
profile-name = Name
profile-save-name = Save name
profile-name-saved = Name saved.
profile-email-heading = Email address
profile-email-code = Code sent to the new address
profile-email-code-submit = Confirm new address
profile-new-email = New email address
profile-current-password = Current password
profile-email-help = Your address changes only after you open the link (or enter the code) we send to the new one.
profile-email-submit = Change email
profile-email-check = Check the new address: open the link we sent, or enter its code here.
profile-email-changed = Your email address was changed.
profile-email-confirm-title = Confirm your new email address
profile-email-confirm = Press the button to make this address your account's email address.
profile-email-done-title = Email address changed
profile-email-done = Your account now uses this address.
profile-email-failed-title = The address was not changed
profile-go-to-account = Go to your account
profile-phone-heading = Phone number
profile-no-phone = No phone number.
profile-phone-code = Code from the text message
profile-phone-verify = Verify phone
profile-new-phone = New phone number
profile-phone = Phone number
profile-phone-help = With the country code, like +44 20 7946 0958. We text a code to verify it.
profile-phone-help-keep = With the country code, like +44 20 7946 0958. We text a code to verify it; your current number stays until then.
profile-phone-send = Send code
profile-phone-remove = Remove phone number
profile-phone-sent = We texted a code to the new number. Enter it to save the number.
profile-phone-verified = Phone number verified.
profile-phone-removed = Phone number removed.

password-heading = Change password
password-current = Current password
password-new = New password
password-confirm = Confirm new password
password-change-help = At least { $min } characters. Your other sessions are signed out when it changes.
password-submit = Change password
password-changed = Password changed. Your other sessions were signed out.

sessions-heading = Where you are signed in
sessions-count = { $n ->
    [one] { $n } active session
   *[other] { $n } active sessions
}
sessions-device = Device
sessions-ip = IP address
sessions-signed-in = Signed in
sessions-last-active = Last active
sessions-sign-out = Sign out
sessions-sign-out-label = Sign out { $device }, last active { $when }
sessions-sign-out-others = Sign out all other sessions
sessions-signed-out = The session was signed out.
sessions-others-signed-out = { $n ->
    [one] { $n } other session signed out.
   *[other] { $n } other sessions signed out.
}
sessions-already-ended = That session has already ended.
sessions-use-sign-out = To end this session, use Sign out.

activity-heading = Recent security activity
activity-none = Nothing yet.
activity-when = When
activity-what = What happened
activity-line = { $what } from { $device }
activity-unknown-device = an unknown device
activity-an-app = an application
activity-login-password = Signed in with a password
activity-login-password-failed = Someone tried to sign in with a wrong password
activity-logout = Signed out
activity-account-registered = Created the account
activity-account-registered-failed = Someone tried to sign up again with this email address
activity-email-verified = Verified the email address
activity-email-change-requested = Asked to change the email address
activity-email-changed = Changed the email address
activity-password-changed = Changed the password
activity-password-reset-requested = Asked for a password reset
activity-password-reset = Reset the password
activity-account-locked = The account was locked after failed sign-ins
activity-account-unlocked = The account was unlocked
activity-profile-updated = Updated the profile
activity-phone-code-sent = Asked for a phone verification code
activity-session-revoked = Signed out a session
activity-consent-granted = Allowed { $app } to use the account
activity-consent-revoked = Removed the access of { $app }
activity-token-issued = { $app } signed you in
activity-token-refreshed = { $app } renewed its access
activity-token-revoked = { $app } gave up its access
activity-token-refused = { $app } was refused access
activity-rate-limited = Too many attempts were stopped for a while
activity-account-exported = Downloaded the account's data
activity-login-password-totp = Signed in with a password and an authenticator app
activity-login-password-recovery-code = Signed in with a password and a recovery code
activity-login-password-second-step = Signed in with a password and a second step
activity-step-up = Confirmed it was you
activity-step-up-password = Confirmed it was you with the password
activity-step-up-totp = Confirmed it was you with an authenticator app
activity-step-up-recovery-code = Confirmed it was you with a recovery code
activity-factor-totp = Entered a code from an authenticator app
activity-factor-recovery-code = A recovery code was used
activity-factor-failed-totp = Someone entered a wrong code from an authenticator app
activity-factor-failed-recovery-code = Someone entered a wrong recovery code
activity-factor-locked = Someone entered a code while the account was locked
activity-factor-too-many = A code was refused after too many attempts
activity-mfa-totp-added = An authenticator app was added
activity-mfa-totp-removed = An authenticator app was removed
activity-mfa-totp-renamed = An authenticator app was renamed
activity-recovery-codes-generated = New recovery codes were made
activity-recovery-codes-voided = The recovery codes were voided
activity-mfa-reset = An administrator removed every second step and signed out all sessions
activity-other = Other account activity
activity-other-failed = An account action did not succeed
activity-login-passkey = Signed in with a passkey
activity-login-passkey-failed = Someone tried to sign in with a passkey that was not accepted
activity-login-federated = Signed in through another service
activity-login-federated-failed = A sign-in through another service was refused
activity-federation-linked = A sign-in with another service was linked to your account
activity-federation-unlinked = A linked sign-in was removed
activity-profile-synced = Your name was updated from your sign-in service
activity-login-password-webauthn = Signed in with a password and a passkey or security key
activity-login-password-email-code = Signed in with a password and a code sent by email
activity-login-password-sms-code = Signed in with a password and a code sent by text message
activity-step-up-webauthn = Confirmed it was you with a passkey or security key
activity-step-up-email-code = Confirmed it was you with a code sent by email
activity-step-up-sms-code = Confirmed it was you with a code sent by text message
activity-factor-webauthn = Used a passkey or security key
activity-factor-email-code = Entered a code sent by email
activity-factor-sms-code = Entered a code sent by text message
activity-factor-failed-webauthn = Someone tried a passkey or security key that was not accepted
activity-factor-failed-email-code = Someone entered a wrong code sent by email
activity-factor-failed-sms-code = Someone entered a wrong code sent by text message
activity-mfa-webauthn-added = A passkey or security key was added
activity-mfa-webauthn-removed = A passkey or security key was removed
activity-mfa-webauthn-renamed = A passkey or security key was renamed
activity-mfa-email-code-on = Sign-in codes by email were turned on
activity-mfa-email-code-off = Sign-in codes by email were turned off
activity-mfa-sms-code-on = Sign-in codes by text message were turned on
activity-mfa-sms-code-off = Sign-in codes by text message were turned off
activity-device-remembered = A browser was remembered, so it skips the second step
activity-device-forgotten = A remembered browser was forgotten
activity-setup-put-off = Put off setting up a second step

device-browser-on-os = { $browser } on { $os }
device-unknown-browser = Unknown browser
device-unknown-browser-on-os = Unknown browser on { $os }

apps-heading = Applications with access
apps-none = No application has access to your account.
apps-application = Application
apps-access = Access
apps-since = Since
apps-remove = Remove access
apps-remove-label = Remove access of { $client }
apps-removed = Access removed. The application must ask again.
apps-no-access = That application has no access.

data-export-heading = Download your data
data-export-intro = A JSON file with your profile, sessions, applications and activity.
data-export-submit = Download my data
data-delete-heading = Delete your account
data-delete-intro = { $days ->
    [one] You are signed out everywhere at once and applications lose access. Your personal data is erased within one day; the security log keeps only an anonymous identifier.
   *[other] You are signed out everywhere at once and applications lose access. Your personal data is erased within { $days } days; the security log keeps only an anonymous identifier.
}
data-delete-password = Current password
data-delete-confirm = I understand this cannot be undone
data-delete-submit = Delete my account
data-delete-tick = Tick the box to confirm that you understand.
data-deleted-title = Account deleted
data-deleted = Your account was deleted and you were signed out everywhere.

## Second factors

factor-title = Two-step verification
factor-intro-totp = Enter the 6-digit code from your authenticator app.
factor-intro-recovery = Enter one of your recovery codes. Each code works once.
factor-code = Code
factor-recovery-code = Recovery code
factor-submit = Verify
factor-other-ways = Try another way
factor-use-totp = Use your authenticator app
factor-use-recovery = Use a recovery code
factor-code-wrong = That code is wrong, used or expired. Enter the newest code.
enrol-title = Set up two-step verification
enrol-intro = This sign-in needs a second step. Set one up now; it takes a minute.
enrol-done = Your authenticator app is set up.
setup-offer-title = Protect your account
setup-offer-intro = Add a second step to your sign-in, so that a stolen password is not enough to get in. It takes a minute.
setup-grace-intro = Your sign-in needs a second step from { $date }. Set it up now, or later before then.
setup-or-passkey = Or use a passkey or security key
setup-later = Not now
totp-title = Add an authenticator app
totp-step-scan = Scan this QR code with an authenticator app.
totp-qr-label = QR code of the key below
totp-manual = Cannot scan it? Enter this key in the app instead:
totp-step-code = Enter the 6-digit code the app shows, and a name to recognise it by.
totp-name = Name
totp-default-name = Authenticator app
totp-submit = Turn on
recovery-codes-title = Save your recovery codes
recovery-codes-intro = If you lose your phone or key, each of these codes lets you sign in once instead of the second step. Print them or keep them in a password manager.
recovery-codes-once = They are shown only now. Making new codes voids these.
security-title = Sign-in security
security-intro = A second step at sign-in keeps your account safe even if someone learns your password.
security-totp-heading = Authenticator apps
security-totp-none = You have not set up an authenticator app.
security-totp-add = Add an authenticator app
security-factor-added = Added { $date }
security-factor-used = Last used { $date }
security-factor-unused = Not used yet
security-rename = Rename
security-new-name = New name for { $name }
security-remove = Remove
security-remove-label = Remove { $name }
security-recovery-heading = Recovery codes
security-recovery-left = { $count ->
    [one] One unused recovery code is left.
   *[other] { $count } unused recovery codes are left.
}
security-recovery-none = You have no recovery codes.
security-recovery-generate = Make new recovery codes
security-recovery-voids = Making new codes voids the old ones.
security-totp-added = Your authenticator app is set up.
security-totp-removed = The authenticator app was removed.
security-renamed = The name was saved.
problem-mfa-name-required = Enter a name.
problem-mfa-name-too-long = Use a shorter name.
problem-mfa-name-invalid = Use a name on one line.
problem-totp-enrolment-expired = This set-up expired. Scan the new QR code and enter its code.
problem-totp-too-many = You have set up as many authenticator apps as you can. Remove one first.
problem-totp-label = The app could not be set up for this account.
mail-security-changed-subject = The way you sign in has changed
mail-security-totp-added = An authenticator app was set up for signing in to your account.
mail-security-totp-removed = An authenticator app was removed from your account.
mail-security-recovery-generated = New recovery codes were made for your account. The old ones no longer work.
mail-security-mfa-reset = An administrator removed every second step of your account (authenticator apps, passkeys and security keys, sign-in codes, recovery codes) and ended all your sessions. To protect your account with a second step again, set one up on your security page.
mail-recovery-code-used-subject = A recovery code was used
mail-recovery-code-used = Someone signed in to your account with one of your recovery codes.
mail-recovery-codes-left = { $count ->
    [one] One recovery code is left.
   *[other] { $count } recovery codes are left.
}
mail-recovery-codes-few = Make new recovery codes soon, so you are not locked out if you lose your phone.
mail-security-action = Review your sign-in security
mail-not-you-security = If this was not you, change your password and review your sign-in security now.
reauth-title = Confirm it is you
reauth-intro = Enter your password to make this change.
reauth-intro-code = Enter your password and a code from your authenticator app (or a recovery code) to make this change.
reauth-code = Code from your app, or a recovery code
reauth-submit = Confirm
factor-intro-sent = We send a 6-digit code to { $to }. It works for 5 minutes.
factor-send = Send code
factor-send-again = Send a new code
factor-code-sent = We sent a code to { $to }.
factor-use-email = Get a code by email
factor-use-sms = Get a code by text message
security-channels-heading = Codes by email or text message
security-email-status-on = Sign-in codes go to { $to } by email.
security-email-offer = Get sign-in codes by email at { $to }.
security-sms-status-on = Sign-in codes go to { $to } by text message.
security-sms-offer = Get sign-in codes by text message at { $to }.
security-sms-no-phone = To get codes by text message, add and verify a phone number on your profile.
security-email-unverified = Verify your email address to get codes by email.
security-channel-send = Send a code to turn this on
security-channel-code-sent = We sent a code to { $to }. Enter it to turn sign-in codes on.
security-channel-confirm = Turn on
security-turn-off = Turn off
security-channel-on = Sign-in codes are turned on.
security-channel-off = Sign-in codes are turned off.
mail-security-email-on = Sign-in codes by email were turned on for your account.
mail-security-sms-on = Sign-in codes by text message were turned on for your account.
mail-security-channel-off = Sign-in codes by email or text message were turned off for your account.
mail-confirm-address-subject = Confirm your email address
mail-confirm-address = Enter this code to confirm your email address and finish signing in. It expires in { $ttl }.
mail-sign-in-code-subject = Your sign-in code
mail-sign-in-code = Enter this code to finish signing in. It expires in { $ttl }.
mail-sign-in-code-not-you = If you are not signing in right now, someone knows your password: change it.
sms-sign-in = { $code } is your sign-in code. Do not share it with anyone.
reauth-send = Send a code to { $to }
login-passkey = Sign in with a passkey
login-passkey-failed = That passkey could not sign you in. Try again, or sign in with your password.
factor-intro-webauthn = Use your passkey or security key.
factor-use-webauthn = Use a passkey or security key
factor-webauthn-button = Use passkey or security key
webauthn-failed = The passkey or security key did not answer. Try again.
webauthn-needs-js = Passkeys and security keys need JavaScript turned on.
security-webauthn-heading = Passkeys and security keys
security-webauthn-none = You have no passkey or security key.
security-passkey-add = Add a passkey
security-key-add = Add a security key
security-webauthn-name = Name for the new passkey or key
security-webauthn-default-name = Passkey
security-webauthn-added = Your passkey or security key is set up.
security-webauthn-removed = The passkey or security key was removed.
security-webauthn-passkey = Passkey
security-webauthn-security-key = Security key
mail-security-webauthn-added = A passkey or security key was added to your account.
mail-security-webauthn-removed = A passkey or security key was removed from your account.
problem-webauthn-unavailable = Passkeys are not available on this site.
problem-webauthn-too-many = You have added as many passkeys and keys as you can. Remove one first.
problem-webauthn-user-name = Your account needs an email address to add a passkey.
problem-webauthn-authenticator-not-allowed = This kind of passkey or security key is not allowed here.
problem-webauthn-already-registered = This passkey or security key is already added.
factor-remember = { $days ->
    [one] Don't ask again on this device for a day
   *[other] Don't ask again on this device for { $days } days
}
security-devices-heading = Remembered devices
security-devices-none = No device skips the second step.
security-device-until = Remembered { $date }, until { $until }
security-forget = Forget
security-forget-label = Forget { $device }
security-device-forgotten = The device will be asked for the second step again.
nav-security = Security

## Password rules

policy-too-short = { $min ->
    [one] Use at least one character.
   *[other] Use at least { $min } characters.
}
policy-too-long = Use at most { $max } characters.
policy-personal = Do not base your password on your name or email address.
policy-guessable = This password is too easy to guess.

## Password advice

advice-straight-rows-of-keys = Straight rows of keys are easy to guess.
advice-short-keyboard-patterns = Short keyboard patterns are easy to guess.
advice-repeats-like-aaa = Repeats like "aaa" are easy to guess.
advice-repeats-like-abcabc = Repeats like "abcabcabc" are only slightly harder to guess than "abc".
advice-top-10-password = This is a top-10 common password.
advice-top-100-password = This is a top-100 common password.
advice-common-password = This is a very common password.
advice-similar-to-common-password = This is similar to a commonly used password.
advice-sequences-like-abc = Sequences like abc or 6543 are easy to guess.
advice-recent-years = Recent years are easy to guess.
advice-word-by-itself = A word by itself is easy to guess.
advice-dates = Dates are often easy to guess.
advice-names-by-themselves = Names and surnames by themselves are easy to guess.
advice-common-names = Common names and surnames are easy to guess.
advice-use-a-few-words = Use a few words, avoid common phrases.
advice-no-need-for-symbols = No need for symbols, digits, or uppercase letters.
advice-add-another-word = Add another word or two. Uncommon words are better.
advice-capitalization = Capitalization doesn't help very much.
advice-all-uppercase = All-uppercase is almost as easy to guess as all-lowercase.
advice-reversed-words = Reversed words aren't much harder to guess.
advice-predictable-substitutions = Predictable substitutions like "@" instead of "a" don't help very much.
advice-longer-keyboard-pattern = Use a longer keyboard pattern with more turns.
advice-avoid-repeats = Avoid repeated words and characters.
advice-avoid-sequences = Avoid sequences.
advice-avoid-recent-years = Avoid recent years.
advice-avoid-your-years = Avoid years that are associated with you.
advice-avoid-your-dates-and-years = Avoid dates and years that are associated with you.

## Mail

mail-not-you = If you did not ask for this, you can ignore this message.
mail-secure-account = If this was not you, reset your password at once and review the sessions on your account page.
mail-verify-subject = Verify your email address
mail-verify-link = Open this link to verify your address. It works once, within { $ttl }.
mail-verify-code = Or enter this code on the page where you signed up. It expires in { $ttl }.
mail-verify-action = Verify email address
mail-signup-existing-subject = Someone tried to sign up with your email address
mail-signup-existing-heading = You already have an account
mail-signup-existing = Someone, perhaps you, tried to create an account with this email address. It already has one, so nothing was changed.
mail-signup-existing-forgot = If you forgot your password, use "Forgot your password?" on the sign-in page.
mail-sign-in = Sign in
mail-reset-subject = Reset your password
mail-reset-link = Open this link to choose a new password. It works once, within { $ttl }.
mail-reset-action = Choose a new password
mail-invite-subject = Your new account
mail-invite-link = An account was made for you with this address. Open this link to choose your password. It works once, within { $ttl }.
mail-invite-action = Choose your password
mail-password-reset-subject = Your password was reset
mail-password-reset = Your password was reset and every session and application sign-in was ended.
mail-password-changed-subject = Your password was changed
mail-password-changed = Your password was changed. Your other sessions were signed out.
mail-review-account = Review your account
mail-locked-subject = Your account was locked after failed sign-ins
mail-locked-heading = Your account is locked for now
mail-locked = There were several failed attempts to sign in to your account, so sign-in is blocked for { $wait }.
mail-locked-not-yours = If these attempts were not yours, someone may know or be guessing your password: choose a new one.
mail-locked-action = Reset your password
mail-locked-footer = If it was you, wait and try again, or reset your password.
mail-email-change-subject = Confirm your new email address
mail-email-change-link = Open this link to make this your account's email address. It works once, within { $ttl }.
mail-email-change-code = Or enter this code on your account page.
mail-email-change-action = Confirm email address
mail-email-changed-subject = Your account's email address was changed
mail-email-changed-heading = Your email address was changed
mail-email-changed = Your account now uses { $email }. Mail will no longer be sent to this address.
mail-deleted-subject = Your account was deleted
mail-deleted = Your account was deleted and every sign-in to applications was ended.
mail-deleted-erased = { $days ->
    [one] Your personal data will be erased within one day; the security log keeps only an anonymous identifier.
   *[other] Your personal data will be erased within { $days } days; the security log keeps only an anonymous identifier.
}
mail-deleted-footer = If you did not do this, contact the administrator of this service at once.

## Text messages

sms-verify-phone = { $code } is your code to verify your phone number. Do not share it with anyone.
sms-reset-password = { $code } is your code to reset your password. Do not share it with anyone.
