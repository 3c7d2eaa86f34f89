# Mensajes de Portcullis: español (internacional neutro). El inglés (en.ftl) es la alternativa de todos los demás idiomas.
#
# Los operadores pueden sustituir cualquier mensaje de cada idioma desde PORTCULLIS_MESSAGES_DIR (un archivo
# con un nombre como este: en.ftl, de.ftl, ...); consulte docs/messages.md. Las variables se escriben { $name }.

## Shared

product-name = Portcullis
datetime = { $day } { $month } { $year }, { $time } UTC
month-1 = ene
month-2 = feb
month-3 = mar
month-4 = abr
month-5 = may
month-6 = jun
month-7 = jul
month-8 = ago
month-9 = sept
month-10 = oct
month-11 = nov
month-12 = dic
field-email = Correo electrónico
field-password = Contraseña
button-continue = Continuar
link-back-to-sign-in = Volver a iniciar sesión
problem-code-wrong = El código no es correcto o ha caducado.
problem-email-invalid = Escriba una dirección de correo electrónico como nombre@example.com.
problem-phone-invalid = Escriba el número de teléfono con el prefijo del país, por ejemplo +34 912 345 678.
problem-passwords-differ = Las contraseñas no coinciden.
problem-current-password = La contraseña actual no es correcta.
problem-email-same = Esa ya es su dirección de correo electrónico.
problem-email-taken = Esa dirección ahora pertenece a otra cuenta.
problem-name-too-long = Su nombre puede tener como máximo { $max } caracteres.
password-help = Al menos { $min } caracteres. Evite palabras comunes, su nombre y su correo electrónico.
language-name = Español
language-label = Idioma
language-change = Cambiar
detour-continue = Continuar con el inicio de sesión
detour-elsewhere = Para continuar, vuelve a la ventana en la que empezaste a iniciar sesión.
footer-nav = Acerca de este servicio
footer-privacy = Privacidad
footer-terms = Condiciones de uso
footer-imprint = Aviso legal
footer-support = Ayuda y soporte

## Sign in

login-title = Iniciar sesión
login-context = para continuar en { $client }
login-submit = Iniciar sesión
login-forgot = ¿Olvidó su contraseña?
login-new-here = ¿Aún no tiene cuenta?
login-create-account = Crear cuenta
login-cancel = Cancelar y volver
login-invalid-credentials = El correo electrónico o la contraseña no son correctos.
login-verify-email-sent = Verifique su dirección de correo electrónico para terminar de iniciar sesión. Le hemos enviado un enlace y un código nuevos.
login-verify-email = Verifique su dirección de correo electrónico para terminar de iniciar sesión.

## Proveedores de identidad externos

login-next = Continuar
login-or = o
login-upstream = Continuar con { $name }
upstream-failed-title = Ese inicio de sesión no funcionó
upstream-failed = { $name } no inició tu sesión. Inténtalo de nuevo o inicia sesión de otra forma.
upstream-unknown = Esta forma de iniciar sesión no está disponible.
upstream-not-linked = Tu cuenta de { $name } no está vinculada a ninguna cuenta de aquí. Inicia sesión de otra forma.
upstream-no-account = No hay ninguna cuenta aquí para el correo electrónico que dio { $name }. Pide una cuenta al administrador.
review-title = Termina de iniciar sesión
review-intro = { $name } no compartió tu correo electrónico. Escríbelo y te enviaremos un código para confirmar que es tuyo.
review-submit = Enviar código
review-code-intro = Enviamos un código de 6 dígitos a { $email }. Escríbelo para confirmar la dirección.
review-other-address = Usar otra dirección
upstream-unavailable = Esta cuenta no puede iniciar sesión.
link-title = Vincula tu inicio de sesión de { $name }
link-intro = Ya existe una cuenta con el correo electrónico { $email }. Escribe su contraseña para vincularle tu inicio de sesión de { $name }; la próxima vez bastará con { $name }.
link-submit = Vincular e iniciar sesión
link-other-way = Iniciar sesión de otra forma
telegram-title = Iniciando sesión con { $name }…
telegram-missing = Telegram no devolvió ningún inicio de sesión. Vuelve e inténtalo de nuevo.
telegram-needs-js = Iniciar sesión con Telegram necesita JavaScript.
linked-heading = Iniciar sesión con otros servicios
linked-none = Ningún otro servicio inicia sesión en esta cuenta.
linked-since = Vinculado el { $date }
linked-add = Vincular { $name }
linked-remove = Desvincular
linked-remove-label = Desvincular { $name }
linked-removed = El inicio de sesión se desvinculó.
linked-last-way = Es tu única forma de iniciar sesión. Crea una contraseña o añade una llave de acceso antes de desvincularla.
linked-elsewhere = Esta cuenta de { $name } ya inicia sesión en otra cuenta de aquí.

## Sign up

register-title = Crear una cuenta
register-confirm-password = Confirmar contraseña
register-name = Nombre (opcional)
register-phone = Número de teléfono (opcional)
register-phone-help = Con el prefijo del país, por ejemplo +34 912 345 678. Puede verificarlo más adelante para restablecer su contraseña por SMS.
register-submit = Crear cuenta
register-have-account = ¿Ya tiene una cuenta?
register-sign-in = Iniciar sesión
check-email-title = Revise su correo electrónico
check-email-intro = Si { $email } puede usarse para una cuenta nueva, hemos enviado a esa dirección un enlace y un código de 6 dígitos. Abra el enlace o escriba el código aquí.
check-email-code = Código de verificación
check-email-submit = Verificar
check-email-resend = Enviar un código nuevo
check-email-resent = Hemos enviado un enlace y un código nuevos.
check-email-code-wrong = El código no es correcto o ha caducado. Revise el correo más reciente o solicite un código nuevo.
signup-unavailable-title = El registro no está disponible
signup-unavailable = Aquí no se pueden crear cuentas nuevas. Solicite una cuenta al administrador.

## Password recovery

forgot-title = Restablecer la contraseña
forgot-channel = ¿Cómo prefiere que le contactemos?
forgot-channel-email = Enviarme un enlace por correo electrónico
forgot-channel-sms = Enviar un código por SMS a mi teléfono verificado
forgot-submit = Enviar
forgot-sent-title = Revise su correo electrónico
forgot-sent = Si alguna cuenta usa esa dirección, hemos enviado a ella un enlace para elegir una contraseña nueva. El enlace solo funciona una vez y durante un tiempo limitado.
forgot-sms-sent = Si la cuenta tiene un número de teléfono verificado, hemos enviado un código a ese número.
reset-title = Elija una contraseña nueva
reset-sms-code = Código del SMS
reset-new-password = Contraseña nueva
reset-confirm-password = Confirmar la contraseña nueva
reset-submit = Guardar la contraseña nueva
reset-done-title = Contraseña cambiada
reset-done = Su contraseña se ha cambiado y se ha cerrado su sesión en todos los dispositivos. Inicie sesión con la contraseña nueva.

## Email verification links

verify-confirm-title = Confirme su dirección de correo electrónico
verify-confirm = Pulse el botón para confirmar que esta dirección es suya.
verify-confirm-button = Confirmar
verify-expired-title = Este enlace ha caducado
verify-expired = El enlace ya se ha usado o es demasiado antiguo. Inicie sesión para recibir uno nuevo.
verify-done-title = Correo electrónico verificado
verify-done = Gracias. Su dirección de correo electrónico está verificada y ya puede iniciar sesión.

## Consent

consent-title = Permitir el acceso
consent-heading = ¿Permitir que { $client } acceda a su cuenta?
consent-signed-in-as = Sesión iniciada como { $email }
consent-not-you = ¿No eres tú? Usar otra cuenta
consent-asking = { $client } solicita:
consent-allow = Permitir
consent-deny = Denegar
consent-client-policy = Política de privacidad de { $client }
consent-client-terms = Condiciones del servicio de { $client }
consent-choose = Elija una opción
scope-openid = Iniciar sesión con su cuenta
scope-profile = Ver su nombre y los datos de su perfil
scope-email = Ver su dirección de correo electrónico
scope-phone = Ver su número de teléfono
scope-address = Ver su dirección postal
scope-offline_access = Mantener el acceso aunque usted no esté usando la aplicación
scope-roles = Ver sus roles y grupos

## Sign out

logout-title = Cerrar sesión
logout-heading = ¿Cerrar sesión?
logout-client-asks = { $client } le pide que cierre la sesión.
logout-question = ¿Desea cerrar la sesión en { $product }?
logout-submit = Cerrar sesión
logout-cancel = Mantener la sesión iniciada
logged-out-title = Sesión cerrada
logged-out-heading = Se ha cerrado su sesión
logged-out-close = Ya puede cerrar esta ventana.
logged-out-return = Volver a { $client }
form-post-title = Continuar
form-post-heading = Continuar en la aplicación
form-post-noscript = JavaScript está desactivado: pulse el botón para continuar.

## Errors

error-code = Error:
error-request-id = Referencia para soporte:
error-back-to = Volver a { $client }
error-go-account = Ir a tu cuenta
error-request-rejected = La aplicación envió una solicitud que no se puede completar. Vuelva a ella e inténtelo de nuevo; si vuelve a ocurrir, contacte con su soporte.
error-unavailable = El servicio está ocupado o en mantenimiento. Inténtelo de nuevo en un momento.
error-server = Algo salió mal por nuestra parte. Inténtelo de nuevo en un momento.
error-try-again = Vuelva a intentarlo
error-invalid-request-title = Solicitud no válida
error-authorize-title = Esta solicitud de inicio de sesión no es válida
error-logout-title = La solicitud de cierre de sesión no es válida
error-too-many-title = Demasiados intentos
error-too-many = Espere { $wait } y vuelva a intentarlo.
wait-minutes = { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
}
wait-hours = { $n ->
    [one] { $n } hora
   *[other] { $n } horas
}
expired-title = Este enlace de inicio de sesión ha caducado
expired = Vuelva a la aplicación e inicie sesión de nuevo.
not-found-title = Página no encontrada
not-found = No hay ninguna página en esta dirección. Compruebe el enlace o vaya a su cuenta.
method-not-allowed-title = Esto no se puede hacer aquí
method-not-allowed = Esta dirección no acepta ese tipo de solicitud. Vuelva atrás e inténtelo de nuevo.

## Account pages

account-title = Su cuenta
account-signed-in-as = Sesión iniciada como { $email }
account-nav = Cuenta
nav-profile = Perfil
nav-password = Contraseña
nav-sessions = Sesiones
nav-activity = Actividad
nav-apps = Aplicaciones
nav-data = Sus datos
idle-noscript = { $minutes ->
    [one] Por su seguridad, la sesión se cierra tras un minuto sin actividad.
   *[other] Por su seguridad, la sesión se cierra tras { $minutes } minutos sin actividad.
}
idle-title = ¿Sigue ahí?
idle-stay = Mantener la sesión
idle-text = Su sesión se cerrará en <span id="idle-countdown"></span> por inactividad.
badge-verified = Verificado
badge-not-verified = Sin verificar
badge-this-device = Este dispositivo
action-column = Acción

profile-heading = Perfil
profile-name = Nombre
profile-save-name = Guardar nombre
profile-name-saved = Nombre guardado.
profile-email-heading = Dirección de correo electrónico
profile-email-code = Código enviado a la dirección nueva
profile-email-code-submit = Confirmar la dirección nueva
profile-new-email = Nueva dirección de correo electrónico
profile-current-password = Contraseña actual
profile-email-help = Su dirección solo cambia cuando abra el enlace (o escriba el código) que enviaremos a la dirección nueva.
profile-email-submit = Cambiar correo electrónico
profile-email-check = Revise la dirección nueva: abra el enlace que le hemos enviado o escriba aquí el código.
profile-email-changed = Se ha cambiado su dirección de correo electrónico.
profile-email-confirm-title = Confirme su nueva dirección de correo electrónico
profile-email-confirm = Pulse el botón para que esta sea la dirección de correo electrónico de su cuenta.
profile-email-done-title = Dirección de correo electrónico cambiada
profile-email-done = Su cuenta ahora usa esta dirección.
profile-email-failed-title = No se ha cambiado la dirección
profile-go-to-account = Ir a su cuenta
profile-phone-heading = Número de teléfono
profile-no-phone = Sin número de teléfono.
profile-phone-code = Código del SMS
profile-phone-verify = Verificar teléfono
profile-new-phone = Nuevo número de teléfono
profile-phone = Número de teléfono
profile-phone-help = Con el prefijo del país, por ejemplo +34 912 345 678. Le enviaremos un código por SMS para verificarlo.
profile-phone-help-keep = Con el prefijo del país, por ejemplo +34 912 345 678. Le enviaremos un código por SMS para verificarlo; hasta entonces se mantiene su número actual.
profile-phone-send = Enviar código
profile-phone-remove = Eliminar número de teléfono
profile-phone-sent = Hemos enviado un código por SMS al número nuevo. Escríbalo para guardar el número.
profile-phone-verified = Número de teléfono verificado.
profile-phone-removed = Número de teléfono eliminado.

password-heading = Cambiar contraseña
password-current = Contraseña actual
password-new = Contraseña nueva
password-confirm = Confirmar la contraseña nueva
password-change-help = Al menos { $min } caracteres. Al cambiarla, se cerrarán sus otras sesiones.
password-submit = Cambiar contraseña
password-changed = Contraseña cambiada. Se han cerrado sus otras sesiones.

sessions-heading = Dónde tiene la sesión iniciada
sessions-count = { $n ->
    [one] Una sesión activa
   *[other] { $n } sesiones activas
}
sessions-device = Dispositivo
sessions-ip = Dirección IP
sessions-signed-in = Inicio de sesión
sessions-last-active = Última actividad
sessions-sign-out = Cerrar sesión
sessions-sign-out-label = Cerrar sesión de { $device }, última actividad { $when }
sessions-sign-out-others = Cerrar todas las demás sesiones
sessions-signed-out = Se ha cerrado la sesión.
sessions-others-signed-out = { $n ->
    [one] Se ha cerrado otra sesión.
   *[other] Se han cerrado otras { $n } sesiones.
}
sessions-already-ended = Esa sesión ya ha terminado.
sessions-use-sign-out = Para terminar esta sesión, use Cerrar sesión.

activity-heading = Actividad de seguridad reciente
activity-none = Todavía no hay actividad.
activity-when = Cuándo
activity-what = Qué pasó
activity-line = { $what } desde { $device }
activity-unknown-device = un dispositivo desconocido
activity-an-app = Una aplicación
activity-login-password = Inicio de sesión con contraseña
activity-login-password-failed = Alguien intentó iniciar sesión con una contraseña incorrecta
activity-logout = Cierre de sesión
activity-account-registered = Cuenta creada
activity-account-registered-failed = Alguien intentó registrarse de nuevo con esta dirección de correo
activity-email-verified = Correo electrónico verificado
activity-email-change-requested = Solicitud de cambio del correo electrónico
activity-email-changed = Correo electrónico cambiado
activity-password-changed = Contraseña cambiada
activity-password-reset-requested = Solicitud de restablecimiento de la contraseña
activity-password-reset = Contraseña restablecida
activity-account-locked = La cuenta se bloqueó tras varios inicios de sesión fallidos
activity-account-unlocked = La cuenta se desbloqueó
activity-profile-updated = Perfil actualizado
activity-phone-code-sent = Solicitud de un código de verificación del teléfono
activity-session-revoked = Se cerró una sesión
activity-consent-granted = Se permitió a { $app } usar la cuenta
activity-consent-revoked = Se retiró el acceso de { $app }
activity-token-issued = { $app } inició tu sesión
activity-token-refreshed = { $app } renovó su acceso
activity-token-revoked = { $app } renunció a su acceso
activity-token-refused = Se denegó el acceso a { $app }
activity-rate-limited = Se detuvieron temporalmente demasiados intentos
activity-account-exported = Descarga de los datos de la cuenta
activity-login-password-totp = Inicio de sesión con contraseña y aplicación de autenticación
activity-login-password-recovery-code = Inicio de sesión con contraseña y código de recuperación
activity-login-password-second-step = Inicio de sesión con contraseña y un segundo paso
activity-step-up = Identidad confirmada
activity-step-up-password = Identidad confirmada con la contraseña
activity-step-up-totp = Identidad confirmada con una aplicación de autenticación
activity-step-up-recovery-code = Identidad confirmada con un código de recuperación
activity-factor-totp = Se introdujo un código de una aplicación de autenticación
activity-factor-recovery-code = Se usó un código de recuperación
activity-factor-failed-totp = Alguien introdujo un código incorrecto de una aplicación de autenticación
activity-factor-failed-recovery-code = Alguien introdujo un código de recuperación incorrecto
activity-factor-locked = Alguien introdujo un código mientras la cuenta estaba bloqueada
activity-factor-too-many = Se rechazó un código tras demasiados intentos
activity-mfa-totp-added = Se añadió una aplicación de autenticación
activity-mfa-totp-removed = Se quitó una aplicación de autenticación
activity-mfa-totp-renamed = Se cambió el nombre de una aplicación de autenticación
activity-recovery-codes-generated = Se crearon códigos de recuperación nuevos
activity-recovery-codes-voided = Se anularon los códigos de recuperación
activity-mfa-reset = Un administrador quitó todos los segundos pasos y cerró todas las sesiones
activity-other = Otra actividad de la cuenta
activity-other-failed = Una acción en la cuenta no se completó
activity-login-passkey = Inicio de sesión con una llave de acceso
activity-login-passkey-failed = Alguien intentó iniciar sesión con una llave de acceso no aceptada
activity-login-federated = Inicio de sesión a través de otro servicio
activity-login-federated-failed = Se rechazó un inicio de sesión a través de otro servicio
activity-federation-linked = Se vinculó a tu cuenta un inicio de sesión con otro servicio
activity-federation-unlinked = Se quitó un inicio de sesión vinculado
activity-profile-synced = Tu nombre se actualizó desde tu servicio de inicio de sesión
activity-login-password-webauthn = Inicio de sesión con contraseña y llave de acceso o de seguridad
activity-login-password-email-code = Inicio de sesión con contraseña y un código enviado por correo
activity-login-password-sms-code = Inicio de sesión con contraseña y un código enviado por SMS
activity-step-up-webauthn = Identidad confirmada con una llave de acceso o de seguridad
activity-step-up-email-code = Identidad confirmada con un código enviado por correo
activity-step-up-sms-code = Identidad confirmada con un código enviado por SMS
activity-factor-webauthn = Se usó una llave de acceso o de seguridad
activity-factor-email-code = Se introdujo un código enviado por correo
activity-factor-sms-code = Se introdujo un código enviado por SMS
activity-factor-failed-webauthn = Alguien usó una llave de acceso o de seguridad no aceptada
activity-factor-failed-email-code = Alguien introdujo un código incorrecto enviado por correo
activity-factor-failed-sms-code = Alguien introdujo un código incorrecto enviado por SMS
activity-mfa-webauthn-added = Se añadió una llave de acceso o de seguridad
activity-mfa-webauthn-removed = Se quitó una llave de acceso o de seguridad
activity-mfa-webauthn-renamed = Se cambió el nombre de una llave de acceso o de seguridad
activity-mfa-email-code-on = Se activaron los códigos de inicio de sesión por correo
activity-mfa-email-code-off = Se desactivaron los códigos de inicio de sesión por correo
activity-mfa-sms-code-on = Se activaron los códigos de inicio de sesión por SMS
activity-mfa-sms-code-off = Se desactivaron los códigos de inicio de sesión por SMS
activity-device-remembered = Se recordó un navegador, que omite el segundo paso
activity-device-forgotten = Se olvidó un navegador recordado
activity-setup-put-off = Se pospuso la configuración de un segundo paso

device-browser-on-os = { $browser } en { $os }
device-unknown-browser = Navegador desconocido
device-unknown-browser-on-os = Navegador desconocido en { $os }

apps-heading = Aplicaciones con acceso
apps-none = Ninguna aplicación tiene acceso a su cuenta.
apps-application = Aplicación
apps-access = Acceso
apps-since = Desde
apps-remove = Retirar acceso
apps-remove-label = Retirar acceso de { $client }
apps-removed = Acceso retirado. La aplicación tendrá que volver a solicitarlo.
apps-no-access = Esa aplicación no tiene acceso.

data-export-heading = Descargar sus datos
data-export-intro = Un archivo JSON con su perfil, sesiones, aplicaciones y actividad.
data-export-submit = Descargar mis datos
data-delete-heading = Eliminar su cuenta
data-delete-intro = { $days ->
    [one] Se cerrará de inmediato su sesión en todos los dispositivos y las aplicaciones perderán el acceso. Sus datos personales se borran en un plazo de un día; el registro de seguridad solo conserva un identificador anónimo.
   *[other] Se cerrará de inmediato su sesión en todos los dispositivos y las aplicaciones perderán el acceso. Sus datos personales se borran en un plazo de { $days } días; el registro de seguridad solo conserva un identificador anónimo.
}
data-delete-password = Contraseña actual
data-delete-confirm = Entiendo que esta acción no se puede deshacer
data-delete-submit = Eliminar mi cuenta
data-delete-tick = Marque la casilla para confirmar que lo entiende.
data-deleted-title = Cuenta eliminada
data-deleted = Su cuenta se ha eliminado y se ha cerrado su sesión en todos los dispositivos.

## Second factors

factor-title = Verificación en dos pasos
factor-intro-totp = Introduce el código de 6 dígitos de tu aplicación de autenticación.
factor-intro-recovery = Introduce uno de tus códigos de recuperación. Cada código sirve una sola vez.
factor-code = Código
factor-recovery-code = Código de recuperación
factor-submit = Verificar
factor-other-ways = Probar de otra forma
factor-use-totp = Usar tu aplicación de autenticación
factor-use-recovery = Usar un código de recuperación
factor-code-wrong = Ese código es incorrecto, ya se usó o caducó. Introduce el código más reciente.
enrol-title = Configura la verificación en dos pasos
enrol-intro = Este inicio de sesión necesita un segundo paso. Configúralo ahora; solo lleva un minuto.
enrol-done = Tu aplicación de autenticación está configurada.
setup-offer-title = Protege tu cuenta
setup-offer-intro = Añade un segundo paso a tu inicio de sesión, para que una contraseña robada no baste para entrar. Solo lleva un minuto.
setup-grace-intro = A partir del { $date }, tu inicio de sesión necesitará un segundo paso. Configúralo ahora, o más tarde antes de esa fecha.
setup-or-passkey = O usa una llave de acceso o de seguridad
setup-later = Ahora no
totp-title = Añadir una aplicación de autenticación
totp-step-scan = Escanea este código QR con una aplicación de autenticación.
totp-qr-label = Código QR de la clave de abajo
totp-manual = ¿No puedes escanearlo? Introduce esta clave en la aplicación:
totp-step-code = Introduce el código de 6 dígitos que muestra la aplicación y un nombre para reconocerla.
totp-name = Nombre
totp-default-name = Aplicación de autenticación
totp-submit = Activar
recovery-codes-title = Guarda tus códigos de recuperación
recovery-codes-intro = Si pierdes el teléfono o la llave, cada uno de estos códigos te permite iniciar sesión una vez en lugar del segundo paso. Imprímelos o guárdalos en un gestor de contraseñas.
recovery-codes-once = Solo se muestran ahora. Crear códigos nuevos anula estos.
security-title = Seguridad del inicio de sesión
security-intro = Un segundo paso al iniciar sesión protege tu cuenta aunque alguien conozca tu contraseña.
security-totp-heading = Aplicaciones de autenticación
security-totp-none = No has configurado ninguna aplicación de autenticación.
security-totp-add = Añadir una aplicación de autenticación
security-factor-added = Añadida el { $date }
security-factor-used = Usada por última vez el { $date }
security-factor-unused = Aún sin usar
security-rename = Cambiar nombre
security-new-name = Nuevo nombre para { $name }
security-remove = Quitar
security-remove-label = Quitar { $name }
security-recovery-heading = Códigos de recuperación
security-recovery-left = { $count ->
    [one] Queda un código de recuperación sin usar.
   *[other] Quedan { $count } códigos de recuperación sin usar.
}
security-recovery-none = No tienes códigos de recuperación.
security-recovery-generate = Crear códigos de recuperación nuevos
security-recovery-voids = Crear códigos nuevos anula los anteriores.
security-totp-added = Tu aplicación de autenticación está configurada.
security-totp-removed = Se quitó la aplicación de autenticación.
security-renamed = Se guardó el nombre.
problem-mfa-name-required = Introduce un nombre.
problem-mfa-name-too-long = Usa un nombre más corto.
problem-mfa-name-invalid = Usa un nombre de una sola línea.
problem-totp-enrolment-expired = Esta configuración caducó. Escanea el nuevo código QR e introduce su código.
problem-totp-too-many = Ya configuraste el máximo de aplicaciones de autenticación. Quita una primero.
problem-totp-label = No se pudo configurar la aplicación para esta cuenta.
mail-security-changed-subject = Ha cambiado la forma de iniciar sesión
mail-security-totp-added = Se configuró una aplicación de autenticación para iniciar sesión en tu cuenta.
mail-security-totp-removed = Se quitó una aplicación de autenticación de tu cuenta.
mail-security-recovery-generated = Se crearon códigos de recuperación nuevos para tu cuenta. Los anteriores ya no sirven.
mail-security-mfa-reset = Un administrador quitó todos los segundos pasos de tu cuenta (aplicaciones de autenticación, llaves de acceso y de seguridad, códigos de inicio de sesión, códigos de recuperación) y cerró todas tus sesiones. Para volver a proteger tu cuenta con un segundo paso, configura uno en tu página de seguridad.
mail-recovery-code-used-subject = Se usó un código de recuperación
mail-recovery-code-used = Alguien inició sesión en tu cuenta con uno de tus códigos de recuperación.
mail-recovery-codes-left = { $count ->
    [one] Queda un código de recuperación.
   *[other] Quedan { $count } códigos de recuperación.
}
mail-recovery-codes-few = Crea pronto códigos de recuperación nuevos para no quedarte fuera si pierdes el teléfono.
mail-security-action = Revisar la seguridad del inicio de sesión
mail-not-you-security = Si no fuiste tú, cambia tu contraseña y revisa ahora la seguridad del inicio de sesión.
reauth-title = Confirma que eres tú
reauth-intro = Introduce tu contraseña para hacer este cambio.
reauth-intro-code = Introduce tu contraseña y un código de tu aplicación de autenticación (o un código de recuperación) para hacer este cambio.
reauth-code = Código de tu aplicación o un código de recuperación
reauth-submit = Confirmar
factor-intro-sent = Enviamos un código de 6 dígitos a { $to }. Sirve durante 5 minutos.
factor-send = Enviar código
factor-send-again = Enviar un código nuevo
factor-code-sent = Enviamos un código a { $to }.
factor-use-email = Recibir un código por correo
factor-use-sms = Recibir un código por SMS
security-channels-heading = Códigos por correo o SMS
security-email-status-on = Los códigos de inicio de sesión se envían por correo a { $to }.
security-email-offer = Recibir códigos de inicio de sesión por correo en { $to }.
security-sms-status-on = Los códigos de inicio de sesión se envían por SMS a { $to }.
security-sms-offer = Recibir códigos de inicio de sesión por SMS en { $to }.
security-sms-no-phone = Para recibir códigos por SMS, añade y verifica un número de teléfono en tu perfil.
security-email-unverified = Verifica tu dirección de correo para recibir códigos por correo.
security-channel-send = Enviar un código para activarlo
security-channel-code-sent = Enviamos un código a { $to }. Introdúcelo para activar los códigos de inicio de sesión.
security-channel-confirm = Activar
security-turn-off = Desactivar
security-channel-on = Los códigos de inicio de sesión están activados.
security-channel-off = Los códigos de inicio de sesión están desactivados.
mail-security-email-on = Se activaron los códigos de inicio de sesión por correo en tu cuenta.
mail-security-sms-on = Se activaron los códigos de inicio de sesión por SMS en tu cuenta.
mail-security-channel-off = Se desactivaron los códigos de inicio de sesión por correo o SMS en tu cuenta.
mail-confirm-address-subject = Confirma tu correo electrónico
mail-confirm-address = Escribe este código para confirmar tu correo electrónico y terminar de iniciar sesión. Caduca en { $ttl }.
mail-sign-in-code-subject = Tu código de inicio de sesión
mail-sign-in-code = Introduce este código para terminar de iniciar sesión. Caduca en { $ttl }.
mail-sign-in-code-not-you = Si no estás iniciando sesión ahora, alguien conoce tu contraseña: cámbiala.
sms-sign-in = { $code } es tu código de inicio de sesión. No lo compartas con nadie.
reauth-send = Enviar un código a { $to }
login-passkey = Iniciar sesión con una llave de acceso
login-passkey-failed = Esa llave de acceso no pudo iniciar tu sesión. Inténtalo de nuevo o inicia sesión con tu contraseña.
factor-intro-webauthn = Usa tu llave de acceso o llave de seguridad.
factor-use-webauthn = Usar una llave de acceso o de seguridad
factor-webauthn-button = Usar llave de acceso o de seguridad
webauthn-failed = La llave de acceso o de seguridad no respondió. Inténtalo de nuevo.
webauthn-needs-js = Las llaves de acceso y de seguridad necesitan JavaScript.
security-webauthn-heading = Llaves de acceso y llaves de seguridad
security-webauthn-none = No tienes llaves de acceso ni llaves de seguridad.
security-passkey-add = Añadir una llave de acceso
security-key-add = Añadir una llave de seguridad
security-webauthn-name = Nombre de la nueva llave
security-webauthn-default-name = Llave de acceso
security-webauthn-added = Tu llave de acceso o de seguridad está configurada.
security-webauthn-removed = Se quitó la llave de acceso o de seguridad.
security-webauthn-passkey = Llave de acceso
security-webauthn-security-key = Llave de seguridad
mail-security-webauthn-added = Se añadió una llave de acceso o de seguridad a tu cuenta.
mail-security-webauthn-removed = Se quitó una llave de acceso o de seguridad de tu cuenta.
problem-webauthn-unavailable = Las llaves de acceso no están disponibles en este sitio.
problem-webauthn-too-many = Ya añadiste el máximo de llaves. Quita una primero.
problem-webauthn-user-name = Tu cuenta necesita una dirección de correo para añadir una llave de acceso.
problem-webauthn-authenticator-not-allowed = Este tipo de llave de acceso o de seguridad no está permitido aquí.
problem-webauthn-already-registered = Esta llave de acceso o de seguridad ya está añadida.
factor-remember = { $days ->
    [one] No volver a preguntar en este dispositivo durante un día
   *[other] No volver a preguntar en este dispositivo durante { $days } días
}
security-devices-heading = Dispositivos recordados
security-devices-none = Ningún dispositivo se salta el segundo paso.
security-device-until = Recordado el { $date }, hasta el { $until }
security-forget = Olvidar
security-forget-label = Olvidar { $device }
security-device-forgotten = Se volverá a pedir el segundo paso en ese dispositivo.
nav-security = Seguridad

## Password rules

policy-too-short = { $min ->
    [one] Use al menos un carácter.
   *[other] Use al menos { $min } caracteres.
}
policy-too-long = Use como máximo { $max } caracteres.
policy-personal = No base su contraseña en su nombre ni en su dirección de correo electrónico.
policy-guessable = Esta contraseña es demasiado fácil de adivinar.

## Password advice

advice-straight-rows-of-keys = Las filas seguidas de teclas son fáciles de adivinar.
advice-short-keyboard-patterns = Los patrones de teclado cortos son fáciles de adivinar.
advice-repeats-like-aaa = Las repeticiones como «aaa» son fáciles de adivinar.
advice-repeats-like-abcabc = Las repeticiones como «abcabcabc» son apenas más difíciles de adivinar que «abc».
advice-top-10-password = Esta es una de las 10 contraseñas más comunes.
advice-top-100-password = Esta es una de las 100 contraseñas más comunes.
advice-common-password = Esta es una contraseña muy común.
advice-similar-to-common-password = Esta contraseña se parece a una de uso frecuente.
advice-sequences-like-abc = Las secuencias como abc o 6543 son fáciles de adivinar.
advice-recent-years = Los años recientes son fáciles de adivinar.
advice-word-by-itself = Una palabra sola es fácil de adivinar.
advice-dates = Las fechas suelen ser fáciles de adivinar.
advice-names-by-themselves = Los nombres y apellidos por sí solos son fáciles de adivinar.
advice-common-names = Los nombres y apellidos comunes son fáciles de adivinar.
advice-use-a-few-words = Use varias palabras y evite las frases hechas.
advice-no-need-for-symbols = No hacen falta símbolos, números ni mayúsculas.
advice-add-another-word = Añada una o dos palabras más. Las palabras poco comunes son mejores.
advice-capitalization = Las mayúsculas no ayudan mucho.
advice-all-uppercase = Todo en mayúsculas es casi tan fácil de adivinar como todo en minúsculas.
advice-reversed-words = Las palabras escritas al revés no son mucho más difíciles de adivinar.
advice-predictable-substitutions = Las sustituciones previsibles, como «@» en lugar de «a», no ayudan mucho.
advice-longer-keyboard-pattern = Use un patrón de teclado más largo y con más cambios de dirección.
advice-avoid-repeats = Evite las palabras y los caracteres repetidos.
advice-avoid-sequences = Evite las secuencias de caracteres.
advice-avoid-recent-years = Evite los años recientes.
advice-avoid-your-years = Evite los años relacionados con usted.
advice-avoid-your-dates-and-years = Evite las fechas y los años relacionados con usted.

## Mail

mail-not-you = Si no ha solicitado esto, puede ignorar este mensaje.
mail-secure-account = Si no ha sido usted, restablezca su contraseña de inmediato y revise las sesiones en la página de su cuenta.
mail-verify-subject = Verifique su dirección de correo electrónico
mail-verify-link = Abra este enlace para verificar su dirección. Solo funciona una vez, en un plazo de { $ttl }.
mail-verify-code = O escriba este código en la página donde se registró. Caduca en { $ttl }.
mail-verify-action = Verificar dirección de correo electrónico
mail-signup-existing-subject = Alguien ha intentado registrarse con su dirección de correo electrónico
mail-signup-existing-heading = Ya tiene una cuenta
mail-signup-existing = Alguien, quizá usted, ha intentado crear una cuenta con esta dirección de correo electrónico. Esta dirección ya tiene una cuenta, así que no se ha cambiado nada.
mail-signup-existing-forgot = Si ha olvidado su contraseña, use «¿Olvidó su contraseña?» en la página de inicio de sesión.
mail-sign-in = Iniciar sesión
mail-reset-subject = Restablezca su contraseña
mail-reset-link = Abra este enlace para elegir una contraseña nueva. Solo funciona una vez, en un plazo de { $ttl }.
mail-reset-action = Elegir una contraseña nueva
mail-invite-subject = Su nueva cuenta
mail-invite-link = Se ha creado una cuenta para usted con esta dirección. Abra este enlace para elegir su contraseña. Solo funciona una vez, en un plazo de { $ttl }.
mail-invite-action = Elegir su contraseña
mail-password-reset-subject = Se ha restablecido su contraseña
mail-password-reset = Se ha restablecido su contraseña y se han cerrado todas las sesiones y todos los inicios de sesión en aplicaciones.
mail-password-changed-subject = Se ha cambiado su contraseña
mail-password-changed = Se ha cambiado su contraseña. Se han cerrado sus otras sesiones.
mail-review-account = Revisar su cuenta
mail-locked-subject = Su cuenta se ha bloqueado tras varios inicios de sesión fallidos
mail-locked-heading = Su cuenta está bloqueada temporalmente
mail-locked = Se han producido varios intentos fallidos de iniciar sesión en su cuenta, por lo que el inicio de sesión está bloqueado durante { $wait }.
mail-locked-not-yours = Si usted no hizo estos intentos, es posible que alguien conozca su contraseña o esté intentando adivinarla: elija una nueva.
mail-locked-action = Restablecer la contraseña
mail-locked-footer = Si fue usted, espere y vuelva a intentarlo, o restablezca su contraseña.
mail-email-change-subject = Confirme su nueva dirección de correo electrónico
mail-email-change-link = Abra este enlace para que esta sea la dirección de correo electrónico de su cuenta. Solo funciona una vez, en un plazo de { $ttl }.
mail-email-change-code = O escriba este código en la página de su cuenta.
mail-email-change-action = Confirmar dirección de correo electrónico
mail-email-changed-subject = Se ha cambiado la dirección de correo electrónico de su cuenta
mail-email-changed-heading = Se ha cambiado su dirección de correo electrónico
mail-email-changed = Su cuenta ahora usa { $email }. Ya no se enviarán correos a esta dirección.
mail-deleted-subject = Se ha eliminado su cuenta
mail-deleted = Su cuenta se ha eliminado y se han cerrado todos los inicios de sesión en aplicaciones.
mail-deleted-erased = { $days ->
    [one] Sus datos personales se borrarán en un plazo de un día; el registro de seguridad solo conserva un identificador anónimo.
   *[other] Sus datos personales se borrarán en un plazo de { $days } días; el registro de seguridad solo conserva un identificador anónimo.
}
mail-deleted-footer = Si no ha sido usted, póngase en contacto de inmediato con el administrador de este servicio.

## Text messages

sms-verify-phone = { $code } es su código para verificar su número de teléfono. No lo comparta con nadie.
sms-reset-password = { $code } es su código para restablecer su contraseña. No lo comparta con nadie.
