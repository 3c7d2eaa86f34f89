# Portcullis messages: English (the fallback of every other language).
#
# Operators override any message per language from PORTCULLIS_MESSAGES_DIR (a file named like
# this one: en.ftl, de.ftl, ...); see docs/messages.md. Variables are written { $name }.

## Shared

product-name = Portcullis
page-title = { $page } · { $product }
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
password-help = At least { $min } characters. Avoid common words and your own name or email.

## Sign in

login-title = Sign in
login-context = to continue to { $client }
login-submit = Sign in
login-forgot = Forgot your password?
login-new-here = New here?
login-create-account = Create account
login-invalid-credentials = The email address or password is incorrect.
login-verify-email-sent = Verify your email address to finish signing in. We sent you a new link and code.
login-verify-email = Verify your email address to finish signing in.

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
consent-asking = { $client } is asking to:
consent-allow = Allow
consent-deny = Deny
consent-choose = Please choose
scope-openid = Sign you in with your account
scope-profile = See your name and profile details
scope-email = See your email address
scope-phone = See your phone number
scope-address = See your postal address
scope-offline_access = Keep access while you are not using it

## Sign out

logout-title = Sign out
logout-heading = Sign out?
logout-client-asks = { $client } asks you to sign out.
logout-question = Do you want to sign out of { $product }?
logout-submit = Sign out
logged-out-title = Signed out
logged-out-heading = You are signed out
logged-out-close = You can close this window.
form-post-title = Continue
form-post-heading = Continue to the application
form-post-noscript = JavaScript is off: press the button to continue.

## Errors

error-code = Error: { $code }
error-generic = The request could not be completed.
error-try-again = Please try again
error-too-many-title = Too many attempts
error-too-many = Please wait { $wait } and try again.
wait-seconds = { $n ->
    [one] one second
   *[other] { $n } seconds
}
wait-minutes = { $n ->
    [one] one minute
   *[other] { $n } minutes
}
wait-hours = { $n ->
    [one] one hour
   *[other] { $n } hours
}
expired-title = This sign-in link has expired
expired = Go back to the application and start signing in again.
