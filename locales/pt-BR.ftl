# Mensagens do Portcullis: português do Brasil (na falta de uma mensagem, usa-se a do inglês, en.ftl).
#
# Os operadores podem substituir qualquer mensagem, por idioma, a partir de PORTCULLIS_MESSAGES_DIR (um
# arquivo com nome como este: en.ftl, pt-BR.ftl, ...); veja docs/messages.md. As variáveis são escritas { $name }.

## Shared

product-name = Portcullis
datetime = { $day } de { $month } de { $year }, { $time } UTC
month-1 = jan.
month-2 = fev.
month-3 = mar.
month-4 = abr.
month-5 = mai.
month-6 = jun.
month-7 = jul.
month-8 = ago.
month-9 = set.
month-10 = out.
month-11 = nov.
month-12 = dez.
field-email = Endereço de e-mail
field-password = Senha
button-continue = Continuar
link-back-to-sign-in = Voltar para a página de entrada
problem-code-wrong = Esse código está incorreto ou expirou.
problem-email-invalid = Digite um endereço de e-mail como nome@example.com.
problem-phone-invalid = Informe o número de telefone com o código do país, por exemplo +55 11 91234-5678.
problem-passwords-differ = As senhas não coincidem.
problem-current-password = A senha atual está incorreta.
problem-email-same = Esse já é o seu endereço de e-mail.
problem-email-taken = Esse endereço agora pertence a outra conta.
problem-name-too-long = Seu nome pode ter no máximo { $max } caracteres.
password-help = No mínimo { $min } caracteres. Evite palavras comuns, seu nome e seu e-mail.
language-name = Português (Brasil)
language-label = Idioma
language-change = Alterar
detour-continue = Continuar o login
detour-elsewhere = Para continuar, volte à janela em que você começou a entrar.
footer-nav = Sobre este serviço
footer-privacy = Privacidade
footer-terms = Termos de uso
footer-imprint = Informações legais
footer-support = Ajuda e suporte

## Sign in

login-title = Entrar
login-context = para continuar em { $client }
login-submit = Entrar
login-forgot = Esqueceu sua senha?
login-new-here = Ainda não tem uma conta?
login-create-account = Criar conta
login-cancel = Cancelar e voltar
login-invalid-credentials = O endereço de e-mail ou a senha estão incorretos.
login-verify-email-sent = Verifique seu endereço de e-mail para concluir o acesso. Enviamos um novo link e um novo código.
login-verify-email = Verifique seu endereço de e-mail para concluir o acesso.

## Provedores de identidade externos

login-next = Continuar
login-or = ou
login-upstream = Continuar com { $name }
upstream-failed-title = Esse login não funcionou
upstream-failed = { $name } não fez o seu login. Tente de novo ou entre de outra forma.
upstream-unknown = Esta forma de entrar não está disponível.
upstream-not-linked = Sua conta { $name } não está vinculada a nenhuma conta aqui. Entre de outra forma.
upstream-no-account = Não há conta aqui para o e-mail informado por { $name }. Peça uma conta ao administrador.
review-title = Conclua o login
review-intro = { $name } não compartilhou seu e-mail. Digite-o e enviaremos um código para confirmar que é seu.
review-submit = Enviar código
review-code-intro = Enviamos um código de 6 dígitos para { $email }. Digite-o para confirmar o endereço.
review-other-address = Usar outro endereço
upstream-unavailable = Esta conta não pode entrar.
link-title = Vincule seu login com { $name }
link-intro = Já existe uma conta com o e-mail { $email }. Digite a senha dela para vincular seu login com { $name }; da próxima vez, { $name } basta para entrar.
link-submit = Vincular e entrar
link-other-way = Entrar de outra forma
telegram-title = Entrando com { $name }…
telegram-missing = O Telegram não enviou um login de volta. Volte e tente de novo.
telegram-needs-js = Entrar com o Telegram precisa de JavaScript.
linked-heading = Entrar com outros serviços
linked-none = Nenhum outro serviço entra nesta conta.
linked-since = Vinculado em { $date }
linked-add = Vincular { $name }
linked-remove = Desvincular
linked-remove-label = Desvincular { $name }
linked-removed = O login foi desvinculado.
linked-last-way = Esta é sua única forma de entrar. Defina uma senha ou adicione uma chave de acesso antes de desvinculá-la.
linked-elsewhere = Esta conta { $name } já entra em outra conta aqui.

## Sign up

register-title = Crie sua conta
register-confirm-password = Confirme a senha
register-name = Nome (opcional)
register-phone = Número de telefone (opcional)
register-phone-help = Com o código do país, como +55 11 91234-5678. Você pode verificá-lo depois para redefinir sua senha por SMS.
register-submit = Criar conta
register-have-account = Já tem uma conta?
register-sign-in = Entrar
check-email-title = Confira seu e-mail
check-email-intro = Se { $email } puder ser usado em uma nova conta, enviamos para ele um link e um código de 6 dígitos. Abra o link ou digite o código aqui.
check-email-code = Código de verificação
check-email-submit = Verificar
check-email-resend = Enviar um novo código
check-email-resent = Enviamos um novo link e um novo código.
check-email-code-wrong = Esse código está incorreto ou expirou. Confira o e-mail mais recente ou envie um novo código.
signup-unavailable-title = Cadastro indisponível
signup-unavailable = Não é possível criar novas contas aqui. Peça uma conta ao administrador.

## Password recovery

forgot-title = Redefina sua senha
forgot-channel = Como devemos entrar em contato com você?
forgot-channel-email = Enviar um link por e-mail
forgot-channel-sms = Enviar um código por SMS para meu telefone verificado
forgot-submit = Enviar
forgot-sent-title = Confira seu e-mail
forgot-sent = Se houver uma conta com esse endereço, enviamos para ele um link para escolher uma nova senha. O link pode ser usado uma única vez, por tempo limitado.
forgot-sms-sent = Se a conta tiver um número de telefone verificado, enviamos um código para ele.
reset-title = Escolha uma nova senha
reset-sms-code = Código recebido por SMS
reset-new-password = Nova senha
reset-confirm-password = Confirme a nova senha
reset-submit = Definir nova senha
reset-done-title = Senha alterada
reset-done = Sua senha foi alterada e todas as suas sessões foram encerradas. Entre com a nova senha.

## Email verification links

verify-confirm-title = Confirme seu endereço de e-mail
verify-confirm = Clique no botão para confirmar que este endereço é seu.
verify-confirm-button = Confirmar
verify-expired-title = Este link expirou
verify-expired = O link já foi usado ou é antigo demais. Entre para receber um novo.
verify-done-title = E-mail verificado
verify-done = Obrigado. Seu endereço de e-mail foi verificado e você já pode entrar.

## Consent

consent-title = Permitir acesso
consent-heading = Permitir que { $client } acesse sua conta?
consent-signed-in-as = Conectado como { $email }
consent-not-you = Não é você? Usar outra conta
consent-asking = { $client } está pedindo permissão para:
consent-allow = Permitir
consent-deny = Negar
consent-client-policy = Política de privacidade de { $client }
consent-client-terms = Termos de serviço de { $client }
consent-choose = Escolha uma opção
scope-openid = Conectar você usando sua conta
scope-profile = Ver seu nome e os dados do seu perfil
scope-email = Ver seu endereço de e-mail
scope-phone = Ver seu número de telefone
scope-address = Ver seu endereço postal
scope-offline_access = Manter o acesso mesmo quando você não estiver usando o aplicativo
scope-roles = Ver seus papéis e grupos

## Sign out

logout-title = Sair
logout-heading = Sair?
logout-client-asks = { $client } está pedindo que você saia.
logout-question = Deseja sair de { $product }?
logout-submit = Sair
logout-cancel = Continuar conectado
logged-out-title = Sessão encerrada
logged-out-heading = Você saiu da sua conta
logged-out-close = Você já pode fechar esta janela.
logged-out-return = Voltar para { $client }
form-post-title = Continuar
form-post-heading = Continuar para o aplicativo
form-post-noscript = O JavaScript está desativado: clique no botão para continuar.

## Errors

error-code = Erro:
error-request-id = Referência para o suporte:
error-back-to = Voltar para { $client }
error-go-account = Ir para sua conta
error-request-rejected = O aplicativo enviou uma solicitação que não pode ser concluída. Volte a ele e tente novamente; se isso acontecer de novo, entre em contato com o suporte dele.
error-unavailable = O serviço está ocupado ou em manutenção. Tente novamente em instantes.
error-server = Algo deu errado do nosso lado. Tente novamente em instantes.
error-try-again = Tente novamente
error-invalid-request-title = Solicitação inválida
error-authorize-title = Esta solicitação de acesso não é válida
error-logout-title = A solicitação de saída não é válida
error-too-many-title = Muitas tentativas
error-too-many = Aguarde { $wait } e tente novamente.
wait-minutes = { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
}
wait-hours = { $n ->
    [one] { $n } hora
   *[other] { $n } horas
}
expired-title = Este link de acesso expirou
expired = Volte ao aplicativo e comece o acesso novamente.
not-found-title = Página não encontrada
not-found = Não há nenhuma página neste endereço. Verifique o link ou vá para a sua conta.
method-not-allowed-title = Isso não pode ser feito aqui
method-not-allowed = Este endereço não aceita esse tipo de solicitação. Volte e tente novamente.

## Account pages

account-title = Sua conta
account-signed-in-as = Conectado como { $email }
account-nav = Conta
nav-profile = Perfil
nav-password = Senha
nav-sessions = Sessões
nav-activity = Atividade
nav-apps = Aplicativos
nav-data = Seus dados
idle-noscript = { $minutes ->
    [one] Para sua segurança, sua sessão é encerrada após { $minutes } minuto sem atividade.
   *[other] Para sua segurança, sua sessão é encerrada após { $minutes } minutos sem atividade.
}
idle-title = Você ainda está aí?
idle-stay = Continuar conectado
idle-text = Sua sessão será encerrada em <span id="idle-countdown"></span> por inatividade.
badge-verified = Verificado
badge-not-verified = Não verificado
badge-this-device = Este dispositivo
action-column = Ação

profile-heading = Perfil
profile-name = Nome
profile-save-name = Salvar nome
profile-name-saved = Nome salvo.
profile-email-heading = Endereço de e-mail
profile-email-code = Código enviado para o novo endereço
profile-email-code-submit = Confirmar novo endereço
profile-new-email = Novo endereço de e-mail
profile-current-password = Senha atual
profile-email-help = Seu endereço só muda depois que você abrir o link (ou digitar o código) que enviaremos para o novo endereço.
profile-email-submit = Alterar e-mail
profile-email-check = Confira o novo endereço: abra o link que enviamos ou digite o código aqui.
profile-email-changed = Seu endereço de e-mail foi alterado.
profile-email-confirm-title = Confirme seu novo endereço de e-mail
profile-email-confirm = Clique no botão para tornar este o endereço de e-mail da sua conta.
profile-email-done-title = Endereço de e-mail alterado
profile-email-done = Sua conta agora usa este endereço.
profile-email-failed-title = O endereço não foi alterado
profile-go-to-account = Ir para sua conta
profile-phone-heading = Número de telefone
profile-no-phone = Nenhum número de telefone.
profile-phone-code = Código recebido por SMS
profile-phone-verify = Verificar telefone
profile-new-phone = Novo número de telefone
profile-phone = Número de telefone
profile-phone-help = Com o código do país, como +55 11 91234-5678. Enviaremos um código por SMS para verificá-lo.
profile-phone-help-keep = Com o código do país, como +55 11 91234-5678. Enviaremos um código por SMS para verificá-lo; até lá, seu número atual continua valendo.
profile-phone-send = Enviar código
profile-phone-remove = Remover número de telefone
profile-phone-sent = Enviamos um código por SMS para o novo número. Digite-o para salvar o número.
profile-phone-verified = Número de telefone verificado.
profile-phone-removed = Número de telefone removido.

password-heading = Alterar senha
password-current = Senha atual
password-new = Nova senha
password-confirm = Confirme a nova senha
password-change-help = No mínimo { $min } caracteres. Quando a senha for alterada, suas outras sessões serão encerradas.
password-submit = Alterar senha
password-changed = Senha alterada. Suas outras sessões foram encerradas.

sessions-heading = Onde sua conta está conectada
sessions-count = { $n ->
    [one] { $n } sessão ativa
   *[other] { $n } sessões ativas
}
sessions-device = Dispositivo
sessions-ip = Endereço IP
sessions-signed-in = Início da sessão
sessions-last-active = Última atividade
sessions-sign-out = Encerrar sessão
sessions-sign-out-label = Encerrar sessão de { $device }, última atividade { $when }
sessions-sign-out-others = Encerrar todas as outras sessões
sessions-signed-out = A sessão foi encerrada.
sessions-others-signed-out = { $n ->
    [one] { $n } outra sessão foi encerrada.
   *[other] { $n } outras sessões foram encerradas.
}
sessions-already-ended = Essa sessão já foi encerrada.
sessions-use-sign-out = Para encerrar esta sessão, use "Sair".

activity-heading = Atividade de segurança recente
activity-none = Nenhuma atividade ainda.
activity-when = Quando
activity-what = O que aconteceu
activity-line = { $what } a partir de { $device }
activity-unknown-device = um dispositivo desconhecido
activity-an-app = Um aplicativo
activity-login-password = Login com senha
activity-login-password-failed = Alguém tentou entrar com uma senha incorreta
activity-logout = Saída da conta
activity-account-registered = Conta criada
activity-account-registered-failed = Alguém tentou se cadastrar de novo com este e-mail
activity-email-verified = E-mail confirmado
activity-email-change-requested = Pedido de alteração do e-mail
activity-email-changed = E-mail alterado
activity-password-changed = Senha alterada
activity-password-reset-requested = Pedido de redefinição de senha
activity-password-reset = Senha redefinida
activity-account-locked = A conta foi bloqueada após tentativas de login malsucedidas
activity-account-unlocked = A conta foi desbloqueada
activity-profile-updated = Perfil atualizado
activity-phone-code-sent = Pedido de código de verificação do telefone
activity-session-revoked = Uma sessão foi encerrada
activity-consent-granted = { $app } recebeu permissão para usar a conta
activity-consent-revoked = O acesso de { $app } foi removido
activity-token-issued = { $app } fez seu login
activity-token-refreshed = { $app } renovou o acesso
activity-token-revoked = { $app } abriu mão do acesso
activity-token-refused = { $app } teve o acesso recusado
activity-rate-limited = Tentativas demais foram bloqueadas por um tempo
activity-account-exported = Download dos dados da conta
activity-login-password-totp = Login com senha e aplicativo autenticador
activity-login-password-recovery-code = Login com senha e código de recuperação
activity-login-password-second-step = Login com senha e uma segunda etapa
activity-step-up = Identidade confirmada
activity-step-up-password = Identidade confirmada com a senha
activity-step-up-totp = Identidade confirmada com um aplicativo autenticador
activity-step-up-recovery-code = Identidade confirmada com um código de recuperação
activity-factor-totp = Um código de aplicativo autenticador foi digitado
activity-factor-recovery-code = Um código de recuperação foi usado
activity-factor-failed-totp = Alguém digitou um código incorreto de um aplicativo autenticador
activity-factor-failed-recovery-code = Alguém digitou um código de recuperação incorreto
activity-factor-locked = Alguém digitou um código enquanto a conta estava bloqueada
activity-factor-too-many = Um código foi recusado após tentativas demais
activity-mfa-totp-added = Um aplicativo autenticador foi adicionado
activity-mfa-totp-removed = Um aplicativo autenticador foi removido
activity-mfa-totp-renamed = Um aplicativo autenticador foi renomeado
activity-recovery-codes-generated = Novos códigos de recuperação foram gerados
activity-recovery-codes-voided = Os códigos de recuperação foram invalidados
activity-mfa-reset = Um administrador removeu todas as segundas etapas e encerrou todas as sessões
activity-other = Outra atividade da conta
activity-other-failed = Uma ação na conta não foi concluída
activity-login-passkey = Login com uma chave de acesso
activity-login-passkey-failed = Alguém tentou entrar com uma chave de acesso não aceita
activity-login-federated = Entrou por outro serviço
activity-login-federated-failed = Um login por outro serviço foi recusado
activity-federation-linked = Um login com outro serviço foi vinculado à sua conta
activity-federation-unlinked = Um login vinculado foi removido
activity-profile-synced = Seu nome foi atualizado a partir do seu serviço de login
activity-login-password-webauthn = Login com senha e chave de acesso ou de segurança
activity-login-password-email-code = Login com senha e um código enviado por e-mail
activity-login-password-sms-code = Login com senha e um código enviado por SMS
activity-step-up-webauthn = Identidade confirmada com uma chave de acesso ou de segurança
activity-step-up-email-code = Identidade confirmada com um código enviado por e-mail
activity-step-up-sms-code = Identidade confirmada com um código enviado por SMS
activity-factor-webauthn = Uma chave de acesso ou de segurança foi usada
activity-factor-email-code = Um código enviado por e-mail foi digitado
activity-factor-sms-code = Um código enviado por SMS foi digitado
activity-factor-failed-webauthn = Alguém usou uma chave de acesso ou de segurança não aceita
activity-factor-failed-email-code = Alguém digitou um código incorreto enviado por e-mail
activity-factor-failed-sms-code = Alguém digitou um código incorreto enviado por SMS
activity-mfa-webauthn-added = Uma chave de acesso ou de segurança foi adicionada
activity-mfa-webauthn-removed = Uma chave de acesso ou de segurança foi removida
activity-mfa-webauthn-renamed = Uma chave de acesso ou de segurança foi renomeada
activity-mfa-email-code-on = Os códigos de login por e-mail foram ativados
activity-mfa-email-code-off = Os códigos de login por e-mail foram desativados
activity-mfa-sms-code-on = Os códigos de login por SMS foram ativados
activity-mfa-sms-code-off = Os códigos de login por SMS foram desativados
activity-device-remembered = Um navegador foi lembrado e pula a segunda etapa
activity-device-forgotten = Um navegador lembrado foi esquecido
activity-setup-put-off = A configuração de uma segunda etapa foi adiada

device-browser-on-os = { $browser } no { $os }
device-unknown-browser = Navegador desconhecido
device-unknown-browser-on-os = Navegador desconhecido no { $os }

apps-heading = Aplicativos com acesso
apps-none = Nenhum aplicativo tem acesso à sua conta.
apps-application = Aplicativo
apps-access = Acesso
apps-since = Desde
apps-remove = Remover acesso
apps-remove-label = Remover acesso de { $client }
apps-removed = Acesso removido. O aplicativo precisará pedir permissão novamente.
apps-no-access = Esse aplicativo não tem acesso.

data-export-heading = Baixe seus dados
data-export-intro = Um arquivo JSON com seu perfil, suas sessões, seus aplicativos e sua atividade.
data-export-submit = Baixar meus dados
data-delete-heading = Exclua sua conta
data-delete-intro = { $days ->
    [one] Todas as suas sessões são encerradas imediatamente e os aplicativos perdem o acesso. Seus dados pessoais são apagados em até { $days } dia; o registro de segurança mantém apenas um identificador anônimo.
   *[other] Todas as suas sessões são encerradas imediatamente e os aplicativos perdem o acesso. Seus dados pessoais são apagados em até { $days } dias; o registro de segurança mantém apenas um identificador anônimo.
}
data-delete-password = Senha atual
data-delete-confirm = Entendo que esta ação não pode ser desfeita
data-delete-submit = Excluir minha conta
data-delete-tick = Marque a caixa para confirmar que você entendeu.
data-deleted-title = Conta excluída
data-deleted = Sua conta foi excluída e todas as suas sessões foram encerradas.

## Second factors

factor-title = Verificação em duas etapas
factor-intro-totp = Digite o código de 6 dígitos do seu aplicativo autenticador.
factor-intro-recovery = Digite um dos seus códigos de recuperação. Cada código funciona uma única vez.
factor-code = Código
factor-recovery-code = Código de recuperação
factor-submit = Verificar
factor-other-ways = Tentar de outra forma
factor-use-totp = Usar seu aplicativo autenticador
factor-use-recovery = Usar um código de recuperação
factor-code-wrong = Esse código está errado, já foi usado ou expirou. Digite o código mais recente.
enrol-title = Configure a verificação em duas etapas
enrol-intro = Este login precisa de uma segunda etapa. Configure-a agora; leva um minuto.
enrol-done = Seu aplicativo autenticador está configurado.
setup-offer-title = Proteja sua conta
setup-offer-intro = Adicione uma segunda etapa ao seu login, para que uma senha roubada não baste para entrar. Leva um minuto.
setup-grace-intro = A partir de { $date }, seu login vai precisar de uma segunda etapa. Configure agora, ou mais tarde antes dessa data.
setup-or-passkey = Ou use uma chave de acesso ou de segurança
setup-later = Agora não
totp-title = Adicionar um aplicativo autenticador
totp-step-scan = Leia este QR code com um aplicativo autenticador.
totp-qr-label = QR code da chave abaixo
totp-manual = Não consegue ler? Digite esta chave no aplicativo:
totp-step-code = Digite o código de 6 dígitos que o aplicativo mostra e um nome para reconhecê-lo.
totp-name = Nome
totp-default-name = Aplicativo autenticador
totp-submit = Ativar
recovery-codes-title = Guarde seus códigos de recuperação
recovery-codes-intro = Se você perder o celular ou a chave, cada um destes códigos permite entrar uma vez no lugar da segunda etapa. Imprima-os ou guarde-os em um gerenciador de senhas.
recovery-codes-once = Eles só aparecem agora. Gerar novos códigos invalida estes.
security-title = Segurança do login
security-intro = Uma segunda etapa no login protege sua conta mesmo que alguém descubra sua senha.
security-totp-heading = Aplicativos autenticadores
security-totp-none = Você não configurou nenhum aplicativo autenticador.
security-totp-add = Adicionar um aplicativo autenticador
security-factor-added = Adicionado em { $date }
security-factor-used = Usado pela última vez em { $date }
security-factor-unused = Ainda não usado
security-rename = Renomear
security-new-name = Novo nome para { $name }
security-remove = Remover
security-remove-label = Remover { $name }
security-recovery-heading = Códigos de recuperação
security-recovery-left = { $count ->
    [one] Resta um código de recuperação não usado.
   *[other] Restam { $count } códigos de recuperação não usados.
}
security-recovery-none = Você não tem códigos de recuperação.
security-recovery-generate = Gerar novos códigos de recuperação
security-recovery-voids = Gerar novos códigos invalida os antigos.
security-totp-added = Seu aplicativo autenticador está configurado.
security-totp-removed = O aplicativo autenticador foi removido.
security-renamed = O nome foi salvo.
problem-mfa-name-required = Digite um nome.
problem-mfa-name-too-long = Use um nome mais curto.
problem-mfa-name-invalid = Use um nome em uma só linha.
problem-totp-enrolment-expired = Esta configuração expirou. Leia o novo QR code e digite o código dele.
problem-totp-too-many = Você já configurou o máximo de aplicativos autenticadores. Remova um primeiro.
problem-totp-label = Não foi possível configurar o aplicativo para esta conta.
mail-security-changed-subject = A forma de entrar na sua conta mudou
mail-security-totp-added = Um aplicativo autenticador foi configurado para entrar na sua conta.
mail-security-totp-removed = Um aplicativo autenticador foi removido da sua conta.
mail-security-recovery-generated = Novos códigos de recuperação foram gerados para sua conta. Os antigos não funcionam mais.
mail-security-mfa-reset = Um administrador removeu todas as segundas etapas da sua conta (aplicativos autenticadores, chaves de acesso e de segurança, códigos de login, códigos de recuperação) e encerrou todas as suas sessões. Para proteger sua conta de novo com uma segunda etapa, configure uma na sua página de segurança.
mail-recovery-code-used-subject = Um código de recuperação foi usado
mail-recovery-code-used = Alguém entrou na sua conta com um dos seus códigos de recuperação.
mail-recovery-codes-left = { $count ->
    [one] Resta um código de recuperação.
   *[other] Restam { $count } códigos de recuperação.
}
mail-recovery-codes-few = Gere novos códigos de recuperação em breve, para não ficar sem acesso se perder o celular.
mail-security-action = Revisar a segurança do login
mail-not-you-security = Se não foi você, troque sua senha e revise agora a segurança do login.
reauth-title = Confirme que é você
reauth-intro = Digite sua senha para fazer esta alteração.
reauth-intro-code = Digite sua senha e um código do seu aplicativo autenticador (ou um código de recuperação) para fazer esta alteração.
reauth-code = Código do aplicativo ou um código de recuperação
reauth-submit = Confirmar
factor-intro-sent = Enviamos um código de 6 dígitos para { $to }. Ele vale por 5 minutos.
factor-send = Enviar código
factor-send-again = Enviar um novo código
factor-code-sent = Enviamos um código para { $to }.
factor-use-email = Receber um código por e-mail
factor-use-sms = Receber um código por SMS
security-channels-heading = Códigos por e-mail ou SMS
security-email-status-on = Os códigos de login são enviados por e-mail para { $to }.
security-email-offer = Receber códigos de login por e-mail em { $to }.
security-sms-status-on = Os códigos de login são enviados por SMS para { $to }.
security-sms-offer = Receber códigos de login por SMS em { $to }.
security-sms-no-phone = Para receber códigos por SMS, adicione e verifique um número de telefone no seu perfil.
security-email-unverified = Verifique seu endereço de e-mail para receber códigos por e-mail.
security-channel-send = Enviar um código para ativar
security-channel-code-sent = Enviamos um código para { $to }. Digite-o para ativar os códigos de login.
security-channel-confirm = Ativar
security-turn-off = Desativar
security-channel-on = Os códigos de login estão ativados.
security-channel-off = Os códigos de login estão desativados.
mail-security-email-on = Os códigos de login por e-mail foram ativados na sua conta.
mail-security-sms-on = Os códigos de login por SMS foram ativados na sua conta.
mail-security-channel-off = Os códigos de login por e-mail ou SMS foram desativados na sua conta.
mail-confirm-address-subject = Confirme seu e-mail
mail-confirm-address = Digite este código para confirmar seu e-mail e concluir o login. Ele expira em { $ttl }.
mail-sign-in-code-subject = Seu código de login
mail-sign-in-code = Digite este código para concluir o login. Ele expira em { $ttl }.
mail-sign-in-code-not-you = Se você não está entrando agora, alguém sabe sua senha: troque-a.
sms-sign-in = { $code } é o seu código de login. Não o compartilhe com ninguém.
reauth-send = Enviar um código para { $to }
login-passkey = Entrar com uma chave de acesso
login-passkey-failed = Essa chave de acesso não conseguiu fazer seu login. Tente de novo ou entre com sua senha.
factor-intro-webauthn = Use sua chave de acesso ou chave de segurança.
factor-use-webauthn = Usar uma chave de acesso ou de segurança
factor-webauthn-button = Usar chave de acesso ou de segurança
webauthn-failed = A chave de acesso ou de segurança não respondeu. Tente de novo.
webauthn-needs-js = Chaves de acesso e de segurança precisam de JavaScript.
security-webauthn-heading = Chaves de acesso e chaves de segurança
security-webauthn-none = Você não tem chaves de acesso nem chaves de segurança.
security-passkey-add = Adicionar uma chave de acesso
security-key-add = Adicionar uma chave de segurança
security-webauthn-name = Nome da nova chave
security-webauthn-default-name = Chave de acesso
security-webauthn-added = Sua chave de acesso ou de segurança está configurada.
security-webauthn-removed = A chave de acesso ou de segurança foi removida.
security-webauthn-passkey = Chave de acesso
security-webauthn-security-key = Chave de segurança
mail-security-webauthn-added = Uma chave de acesso ou de segurança foi adicionada à sua conta.
mail-security-webauthn-removed = Uma chave de acesso ou de segurança foi removida da sua conta.
problem-webauthn-unavailable = Chaves de acesso não estão disponíveis neste site.
problem-webauthn-too-many = Você já adicionou o máximo de chaves. Remova uma primeiro.
problem-webauthn-user-name = Sua conta precisa de um endereço de e-mail para adicionar uma chave de acesso.
problem-webauthn-authenticator-not-allowed = Este tipo de chave de acesso ou de segurança não é permitido aqui.
problem-webauthn-already-registered = Esta chave de acesso ou de segurança já foi adicionada.
factor-remember = { $days ->
    [one] Não perguntar de novo neste dispositivo por um dia
   *[other] Não perguntar de novo neste dispositivo por { $days } dias
}
security-devices-heading = Dispositivos lembrados
security-devices-none = Nenhum dispositivo pula a segunda etapa.
security-device-until = Lembrado em { $date }, até { $until }
security-forget = Esquecer
security-forget-label = Esquecer { $device }
security-device-forgotten = A segunda etapa voltará a ser pedida nesse dispositivo.
nav-security = Segurança

## Password rules

policy-too-short = { $min ->
    [one] Use pelo menos { $min } caractere.
   *[other] Use pelo menos { $min } caracteres.
}
policy-too-long = Use no máximo { $max } caracteres.
policy-personal = Não baseie sua senha no seu nome nem no seu endereço de e-mail.
policy-guessable = Esta senha é fácil demais de adivinhar.

## Password advice

advice-straight-rows-of-keys = Teclas seguidas na mesma fileira são fáceis de adivinhar.
advice-short-keyboard-patterns = Padrões curtos de teclado são fáceis de adivinhar.
advice-repeats-like-aaa = Repetições como "aaa" são fáceis de adivinhar.
advice-repeats-like-abcabc = Repetições como "abcabcabc" são só um pouco mais difíceis de adivinhar que "abc".
advice-top-10-password = Esta é uma das 10 senhas mais comuns.
advice-top-100-password = Esta é uma das 100 senhas mais comuns.
advice-common-password = Esta é uma senha muito comum.
advice-similar-to-common-password = Esta senha é parecida com uma senha muito usada.
advice-sequences-like-abc = Sequências como abc ou 6543 são fáceis de adivinhar.
advice-recent-years = Anos recentes são fáceis de adivinhar.
advice-word-by-itself = Uma palavra sozinha é fácil de adivinhar.
advice-dates = Datas costumam ser fáceis de adivinhar.
advice-names-by-themselves = Nomes e sobrenomes sozinhos são fáceis de adivinhar.
advice-common-names = Nomes e sobrenomes comuns são fáceis de adivinhar.
advice-use-a-few-words = Use algumas palavras e evite frases comuns.
advice-no-need-for-symbols = Não é preciso usar símbolos, números nem letras maiúsculas.
advice-add-another-word = Acrescente mais uma ou duas palavras. Palavras incomuns são melhores.
advice-capitalization = Letras maiúsculas não ajudam muito.
advice-all-uppercase = Tudo em maiúsculas é quase tão fácil de adivinhar quanto tudo em minúsculas.
advice-reversed-words = Palavras escritas de trás para a frente não são muito mais difíceis de adivinhar.
advice-predictable-substitutions = Substituições previsíveis, como "@" no lugar de "a", não ajudam muito.
advice-longer-keyboard-pattern = Use um padrão de teclado mais longo e com mais mudanças de direção.
advice-avoid-repeats = Evite palavras e caracteres repetidos.
advice-avoid-sequences = Evite sequências de caracteres.
advice-avoid-recent-years = Evite anos recentes.
advice-avoid-your-years = Evite anos ligados a você.
advice-avoid-your-dates-and-years = Evite datas e anos ligados a você.

## Mail

mail-not-you = Se você não fez esta solicitação, pode ignorar esta mensagem.
mail-secure-account = Se não foi você, redefina sua senha imediatamente e revise as sessões na página da sua conta.
mail-verify-subject = Verifique seu endereço de e-mail
mail-verify-link = Abra este link para verificar seu endereço. Ele pode ser usado uma única vez, em até { $ttl }.
mail-verify-code = Ou digite este código na página em que você se cadastrou. Ele expira em { $ttl }.
mail-verify-action = Verificar endereço de e-mail
mail-signup-existing-subject = Alguém tentou se cadastrar com seu endereço de e-mail
mail-signup-existing-heading = Você já tem uma conta
mail-signup-existing = Alguém, talvez você, tentou criar uma conta com este endereço de e-mail. Já existe uma conta com ele, por isso nada foi alterado.
mail-signup-existing-forgot = Se você esqueceu sua senha, use "Esqueceu sua senha?" na página de entrada.
mail-sign-in = Entrar
mail-reset-subject = Redefina sua senha
mail-reset-link = Abra este link para escolher uma nova senha. Ele pode ser usado uma única vez, em até { $ttl }.
mail-reset-action = Escolher uma nova senha
mail-invite-subject = Sua nova conta
mail-invite-link = Uma conta foi criada para você com este endereço. Abra este link para escolher sua senha. Ele pode ser usado uma única vez, em até { $ttl }.
mail-invite-action = Escolher sua senha
mail-password-reset-subject = Sua senha foi redefinida
mail-password-reset = Sua senha foi redefinida, e todas as sessões e todos os acessos a aplicativos foram encerrados.
mail-password-changed-subject = Sua senha foi alterada
mail-password-changed = Sua senha foi alterada. Suas outras sessões foram encerradas.
mail-review-account = Revisar sua conta
mail-locked-subject = Sua conta foi bloqueada após tentativas de acesso malsucedidas
mail-locked-heading = Sua conta está bloqueada temporariamente
mail-locked = Houve várias tentativas malsucedidas de entrar na sua conta, por isso o acesso está bloqueado por { $wait }.
mail-locked-not-yours = Se essas tentativas não foram suas, alguém pode saber ou estar tentando adivinhar sua senha: escolha uma nova.
mail-locked-action = Redefinir sua senha
mail-locked-footer = Se foi você, aguarde e tente novamente, ou redefina sua senha.
mail-email-change-subject = Confirme seu novo endereço de e-mail
mail-email-change-link = Abra este link para tornar este o endereço de e-mail da sua conta. Ele pode ser usado uma única vez, em até { $ttl }.
mail-email-change-code = Ou digite este código na página da sua conta.
mail-email-change-action = Confirmar endereço de e-mail
mail-email-changed-subject = O endereço de e-mail da sua conta foi alterado
mail-email-changed-heading = Seu endereço de e-mail foi alterado
mail-email-changed = Sua conta agora usa { $email }. Não enviaremos mais mensagens para este endereço.
mail-deleted-subject = Sua conta foi excluída
mail-deleted = Sua conta foi excluída e todos os acessos a aplicativos foram encerrados.
mail-deleted-erased = { $days ->
    [one] Seus dados pessoais serão apagados em até { $days } dia; o registro de segurança mantém apenas um identificador anônimo.
   *[other] Seus dados pessoais serão apagados em até { $days } dias; o registro de segurança mantém apenas um identificador anônimo.
}
mail-deleted-footer = Se não foi você, entre em contato imediatamente com o administrador deste serviço.

## Text messages

sms-verify-phone = { $code } é seu código para verificar seu telefone. Não o compartilhe.
sms-reset-password = { $code } é seu código para redefinir sua senha. Não o compartilhe.
