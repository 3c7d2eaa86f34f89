# رسائل واجهة المستخدم باللغة العربية (الفصحى الحديثة). تُستخدم الإنجليزية (en.ftl) بديلًا لأي رسالة ناقصة.
#
# يمكن للمشغّل تجاوز أي رسالة لكل لغة من المجلد PORTCULLIS_MESSAGES_DIR (بملف يحمل اسمًا مثل
# هذا الملف: en.ftl، ar.ftl، ...)؛ راجع docs/messages.md. تُكتب المتغيرات بالشكل { $name }.

## Shared

product-name = Portcullis
datetime = { $day } { $month } { $year }، { $time } UTC
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
field-email = البريد الإلكتروني
field-password = كلمة المرور
button-continue = متابعة
link-back-to-sign-in = العودة إلى تسجيل الدخول
problem-code-wrong = الرمز غير صحيح أو انتهت صلاحيته.
problem-email-invalid = أدخل عنوان بريد إلكتروني صحيحًا، مثل name@example.com.
problem-phone-invalid = أدخل رقم الهاتف مع رمز الدولة، مثل { "\u2066" }+971 4 123 4567{ "\u2069" }.
problem-passwords-differ = كلمتا المرور غير متطابقتين.
problem-current-password = كلمة المرور الحالية غير صحيحة.
problem-email-same = هذا هو عنوان بريدك الإلكتروني بالفعل.
problem-email-taken = أصبح هذا العنوان تابعًا لحساب آخر.
problem-name-too-long = الحد الأقصى لعدد أحرف الاسم: { $max }.
password-help = الحد الأدنى لعدد الأحرف: { $min }. تجنّب الكلمات الشائعة واسمك وبريدك الإلكتروني.
language-name = العربية
language-label = اللغة
language-change = تغيير
detour-continue = متابعة تسجيل الدخول
detour-elsewhere = للمتابعة، ارجع إلى النافذة التي بدأت فيها تسجيل الدخول.
footer-nav = عن هذه الخدمة
footer-privacy = الخصوصية
footer-terms = شروط الاستخدام
footer-imprint = البيانات القانونية
footer-support = المساعدة والدعم

## Sign in

login-title = تسجيل الدخول
login-context = للمتابعة إلى { $client }
login-submit = تسجيل الدخول
login-forgot = هل نسيت كلمة المرور؟
login-new-here = مستخدم جديد؟
login-create-account = إنشاء حساب
login-cancel = إلغاء والعودة
login-invalid-credentials = البريد الإلكتروني أو كلمة المرور غير صحيحة.
login-verify-email-sent = يُرجى تأكيد بريدك الإلكتروني لإكمال تسجيل الدخول. أرسلنا إليك رابطًا ورمزًا جديدين.
login-verify-email = يُرجى تأكيد بريدك الإلكتروني لإكمال تسجيل الدخول.

## مزوّدو الهوية الخارجيون

login-next = متابعة
login-or = أو
login-upstream = المتابعة باستخدام { $name }
upstream-failed-title = لم ينجح تسجيل الدخول هذا
upstream-failed = لم يسجّل { $name } دخولك. حاول مرة أخرى، أو سجّل الدخول بطريقة أخرى.
upstream-unknown = طريقة تسجيل الدخول هذه غير متاحة.
upstream-not-linked = حسابك في { $name } غير مرتبط بأي حساب هنا. سجّل الدخول بطريقة أخرى.
upstream-no-account = لا يوجد حساب هنا للبريد الإلكتروني الذي قدّمه { $name }. اطلب حسابًا من المسؤول.
review-title = أكمل تسجيل الدخول
review-intro = لم يشارك { $name } عنوان بريدك الإلكتروني. أدخله وسنرسل إليه رمزًا لتأكيد أنه لك.
review-submit = أرسل الرمز
review-code-intro = أرسلنا رمزًا من 6 أرقام إلى { $email }. أدخله لتأكيد العنوان.
review-other-address = استخدم عنوانًا آخر
upstream-unavailable = لا يمكن لهذا الحساب تسجيل الدخول.
link-title = اربط تسجيل دخولك عبر { $name }
link-intro = يوجد بالفعل حساب بالبريد الإلكتروني { $email }. أدخل كلمة مروره لربط تسجيل دخولك عبر { $name } به؛ في المرة القادمة يكفي { $name } وحده.
link-submit = اربط وسجّل الدخول
link-other-way = سجّل الدخول بطريقة أخرى
telegram-title = جارٍ تسجيل دخولك عبر { $name }…
telegram-missing = لم يُرجع Telegram أي تسجيل دخول. ارجع وحاول مرة أخرى.
telegram-needs-js = يحتاج تسجيل الدخول عبر Telegram إلى JavaScript.
linked-heading = تسجيل الدخول عبر خدمات أخرى
linked-none = لا توجد خدمة أخرى تسجّل الدخول إلى هذا الحساب.
linked-since = مرتبط منذ { $date }
linked-add = اربط { $name }
linked-remove = ألغِ الربط
linked-remove-label = ألغِ الربط: { $name }
linked-removed = أُلغي ربط تسجيل الدخول.
linked-last-way = هذه طريقتك الوحيدة لتسجيل الدخول. عيّن كلمة مرور أو أضف مفتاح مرور قبل إلغاء ربطها.
linked-elsewhere = حساب { $name } هذا يسجّل الدخول بالفعل إلى حساب آخر هنا.

## Sign up

register-title = إنشاء حسابك
register-confirm-password = تأكيد كلمة المرور
register-name = الاسم (اختياري)
register-phone = رقم الهاتف (اختياري)
register-phone-help = مع رمز الدولة، مثل { "\u2066" }+971 4 123 4567{ "\u2069" }. يمكنك تأكيده لاحقًا لتتمكن من إعادة تعيين كلمة المرور عبر رسالة نصية.
register-submit = إنشاء الحساب
register-have-account = لديك حساب بالفعل؟
register-sign-in = تسجيل الدخول
check-email-title = راجع بريدك الإلكتروني
check-email-intro = إذا كان من الممكن استخدام { $email } لحساب جديد، فقد أرسلنا إليه رابطًا ورمزًا مكوّنًا من 6 أرقام. افتح الرابط، أو أدخل الرمز هنا.
check-email-code = رمز التحقق
check-email-submit = تأكيد
check-email-resend = إرسال رمز جديد
check-email-resent = أرسلنا رابطًا ورمزًا جديدين.
check-email-code-wrong = الرمز غير صحيح أو انتهت صلاحيته. راجع أحدث رسالة وصلتك، أو اطلب رمزًا جديدًا.
signup-unavailable-title = إنشاء الحسابات غير متاح
signup-unavailable = لا يمكن إنشاء حسابات جديدة هنا. يُرجى طلب حساب من المسؤول.

## Password recovery

forgot-title = إعادة تعيين كلمة المرور
forgot-channel = كيف نتواصل معك؟
forgot-channel-email = إرسال رابط إلى بريدي الإلكتروني
forgot-channel-sms = إرسال رمز في رسالة نصية إلى هاتفي المؤكَّد
forgot-submit = إرسال
forgot-sent-title = راجع بريدك الإلكتروني
forgot-sent = إذا كان هذا العنوان مستخدمًا في أحد الحسابات، فقد أرسلنا إليه رابطًا لاختيار كلمة مرور جديدة. يمكن استخدام الرابط مرة واحدة فقط، ولمدة محدودة.
forgot-sms-sent = إذا كان للحساب رقم هاتف مؤكَّد، فقد أرسلنا إليه رمزًا.
reset-title = اختر كلمة مرور جديدة
reset-sms-code = الرمز الوارد في الرسالة النصية
reset-new-password = كلمة المرور الجديدة
reset-confirm-password = تأكيد كلمة المرور الجديدة
reset-submit = تعيين كلمة المرور الجديدة
reset-done-title = تم تغيير كلمة المرور
reset-done = تم تغيير كلمة المرور وتسجيل خروجك من جميع الأجهزة. سجّل الدخول باستخدام كلمة المرور الجديدة.

## Email verification links

verify-confirm-title = تأكيد بريدك الإلكتروني
verify-confirm = اضغط على الزر لتأكيد أن هذا العنوان يخصّك.
verify-confirm-button = تأكيد
verify-expired-title = انتهت صلاحية هذا الرابط
verify-expired = سبق استخدام هذا الرابط أو أنه قديم جدًا. سجّل الدخول للحصول على رابط جديد.
verify-done-title = تم تأكيد البريد الإلكتروني
verify-done = شكرًا لك. تم تأكيد بريدك الإلكتروني، ويمكنك الآن تسجيل الدخول.

## Consent

consent-title = السماح بالوصول
consent-heading = هل تسمح للتطبيق { $client } بالوصول إلى حسابك؟
consent-signed-in-as = مسجَّل الدخول بحساب { $email }
consent-not-you = لست أنت؟ استخدم حسابًا آخر
consent-asking = يطلب التطبيق { $client } ما يلي:
consent-allow = سماح
consent-deny = رفض
consent-client-policy = سياسة الخصوصية لدى { $client }
consent-client-terms = شروط الخدمة لدى { $client }
consent-choose = يُرجى الاختيار
scope-openid = تسجيل دخولك باستخدام حسابك
scope-profile = الاطلاع على اسمك وتفاصيل ملفك الشخصي
scope-email = الاطلاع على بريدك الإلكتروني
scope-phone = الاطلاع على رقم هاتفك
scope-address = الاطلاع على عنوانك البريدي
scope-offline_access = الاحتفاظ بصلاحية الوصول حتى عندما لا تستخدمه
scope-roles = الاطلاع على أدوارك ومجموعاتك

## Sign out

logout-title = تسجيل الخروج
logout-heading = هل تريد تسجيل الخروج؟
logout-client-asks = يطلب منك التطبيق { $client } تسجيل الخروج.
logout-question = هل تريد تسجيل الخروج من { $product }؟
logout-submit = تسجيل الخروج
logout-cancel = البقاء مسجّلًا للدخول
logged-out-title = تم تسجيل الخروج
logged-out-heading = تم تسجيل خروجك
logged-out-close = يمكنك إغلاق هذه النافذة.
logged-out-return = العودة إلى { $client }
form-post-title = متابعة
form-post-heading = المتابعة إلى التطبيق
form-post-noscript = لغة JavaScript غير مفعّلة: اضغط على الزر للمتابعة.

## Errors

error-code = خطأ:
error-request-id = المرجع لفريق الدعم:
error-back-to = العودة إلى { $client }
error-go-account = الانتقال إلى حسابك
error-request-rejected = أرسل التطبيق طلبًا لا يمكن إكماله. عُد إليه وحاول مرة أخرى؛ وإذا تكرر ذلك، فتواصل مع دعمه.
error-unavailable = الخدمة مشغولة أو قيد الصيانة. يُرجى المحاولة مرة أخرى بعد قليل.
error-server = حدث خطأ من جانبنا. يُرجى المحاولة مرة أخرى بعد قليل.
error-try-again = يُرجى المحاولة مرة أخرى
error-invalid-request-title = طلب غير صالح
error-authorize-title = طلب تسجيل الدخول هذا غير صالح
error-logout-title = طلب تسجيل الخروج غير صالح
error-too-many-title = محاولات كثيرة جدًا
error-too-many = يُرجى الانتظار { $wait } ثم المحاولة مرة أخرى.
wait-minutes = { $n ->
    [zero] { $n } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $n } دقائق
    [many] { $n } دقيقة
   *[other] { $n } دقيقة
}
wait-hours = { $n ->
    [zero] { $n } ساعة
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $n } ساعات
    [many] { $n } ساعة
   *[other] { $n } ساعة
}
expired-title = انتهت صلاحية رابط تسجيل الدخول هذا
expired = عُد إلى التطبيق وابدأ تسجيل الدخول من جديد.
not-found-title = الصفحة غير موجودة
not-found = لا توجد صفحة على هذا العنوان. تحقق من الرابط، أو انتقل إلى حسابك.
method-not-allowed-title = لا يمكن تنفيذ هذا هنا
method-not-allowed = لا يقبل هذا العنوان هذا النوع من الطلبات. عُد وحاول مرة أخرى.

## Account pages

account-title = حسابك
account-signed-in-as = مسجَّل الدخول بحساب { $email }
account-nav = الحساب
nav-profile = الملف الشخصي
nav-password = كلمة المرور
nav-sessions = الجلسات
nav-activity = النشاط
nav-apps = التطبيقات
nav-data = بياناتك
idle-noscript = { $minutes ->
    [zero] حرصًا على أمانك، يُسجَّل خروجك بعد { $minutes } دقيقة دون أي نشاط.
    [one] حرصًا على أمانك، يُسجَّل خروجك بعد دقيقة واحدة دون أي نشاط.
    [two] حرصًا على أمانك، يُسجَّل خروجك بعد دقيقتين دون أي نشاط.
    [few] حرصًا على أمانك، يُسجَّل خروجك بعد { $minutes } دقائق دون أي نشاط.
    [many] حرصًا على أمانك، يُسجَّل خروجك بعد { $minutes } دقيقة دون أي نشاط.
   *[other] حرصًا على أمانك، يُسجَّل خروجك بعد { $minutes } دقيقة دون أي نشاط.
}
idle-title = هل ما زلت هنا؟
idle-stay = البقاء متصلًا
idle-text = سيتم تسجيل خروجك خلال <span id="idle-countdown"></span> بسبب عدم النشاط.
badge-verified = مؤكَّد
badge-not-verified = غير مؤكَّد
badge-this-device = هذا الجهاز
action-column = الإجراء

profile-heading = الملف الشخصي
profile-name = الاسم
profile-save-name = حفظ الاسم
profile-name-saved = تم حفظ الاسم.
profile-email-heading = البريد الإلكتروني
profile-email-code = الرمز المُرسَل إلى العنوان الجديد
profile-email-code-submit = تأكيد العنوان الجديد
profile-new-email = البريد الإلكتروني الجديد
profile-current-password = كلمة المرور الحالية
profile-email-help = لن يتغيّر عنوانك إلا بعد أن تفتح الرابط (أو تُدخل الرمز) الذي نرسله إلى العنوان الجديد.
profile-email-submit = تغيير البريد الإلكتروني
profile-email-check = راجع العنوان الجديد: افتح الرابط الذي أرسلناه، أو أدخل الرمز الوارد فيه هنا.
profile-email-changed = تم تغيير بريدك الإلكتروني.
profile-email-confirm-title = تأكيد بريدك الإلكتروني الجديد
profile-email-confirm = اضغط على الزر لاعتماد هذا العنوان بريدًا إلكترونيًا لحسابك.
profile-email-done-title = تم تغيير البريد الإلكتروني
profile-email-done = يستخدم حسابك الآن هذا العنوان.
profile-email-failed-title = لم يتم تغيير العنوان
profile-go-to-account = الانتقال إلى حسابك
profile-phone-heading = رقم الهاتف
profile-no-phone = لا يوجد رقم هاتف.
profile-phone-code = الرمز الوارد في الرسالة النصية
profile-phone-verify = تأكيد الهاتف
profile-new-phone = رقم الهاتف الجديد
profile-phone = رقم الهاتف
profile-phone-help = مع رمز الدولة، مثل { "\u2066" }+971 4 123 4567{ "\u2069" }. سنرسل إليه رمزًا في رسالة نصية لتأكيده.
profile-phone-help-keep = مع رمز الدولة، مثل { "\u2066" }+971 4 123 4567{ "\u2069" }. سنرسل إليه رمزًا في رسالة نصية لتأكيده؛ ويبقى رقمك الحالي معتمدًا حتى ذلك الحين.
profile-phone-send = إرسال الرمز
profile-phone-remove = إزالة رقم الهاتف
profile-phone-sent = أرسلنا رمزًا في رسالة نصية إلى الرقم الجديد. أدخله لحفظ الرقم.
profile-phone-verified = تم تأكيد رقم الهاتف.
profile-phone-removed = تمت إزالة رقم الهاتف.

password-heading = تغيير كلمة المرور
password-current = كلمة المرور الحالية
password-new = كلمة المرور الجديدة
password-confirm = تأكيد كلمة المرور الجديدة
password-change-help = الحد الأدنى لعدد الأحرف: { $min }. عند تغييرها يُسجَّل خروج جلساتك الأخرى.
password-submit = تغيير كلمة المرور
password-changed = تم تغيير كلمة المرور، وتم تسجيل خروج جلساتك الأخرى.

sessions-heading = أماكن تسجيل دخولك
sessions-count = { $n ->
    [zero] لا توجد جلسات نشطة
    [one] جلسة نشطة واحدة
    [two] جلستان نشطتان
    [few] { $n } جلسات نشطة
    [many] { $n } جلسة نشطة
   *[other] { $n } جلسة نشطة
}
sessions-device = الجهاز
sessions-ip = عنوان IP
sessions-signed-in = وقت تسجيل الدخول
sessions-last-active = آخر نشاط
sessions-sign-out = تسجيل الخروج
sessions-sign-out-label = تسجيل الخروج من { $device }، آخر نشاط { $when }
sessions-sign-out-others = تسجيل الخروج من جميع الجلسات الأخرى
sessions-signed-out = تم تسجيل الخروج من الجلسة.
sessions-others-signed-out = { $n ->
    [zero] لم يتم تسجيل الخروج من أي جلسة أخرى.
    [one] تم تسجيل الخروج من جلسة أخرى واحدة.
    [two] تم تسجيل الخروج من جلستين أخريين.
    [few] تم تسجيل الخروج من { $n } جلسات أخرى.
    [many] تم تسجيل الخروج من { $n } جلسة أخرى.
   *[other] تم تسجيل الخروج من { $n } جلسة أخرى.
}
sessions-already-ended = انتهت تلك الجلسة بالفعل.
sessions-use-sign-out = لإنهاء هذه الجلسة، استخدم «تسجيل الخروج».

activity-heading = النشاط الأمني الأخير
activity-none = لا يوجد نشاط بعد.
activity-when = الوقت
activity-what = ما حدث
activity-line = { $what } من { $device }
activity-unknown-device = جهاز غير معروف
activity-an-app = تطبيق
activity-login-password = تسجيل الدخول بكلمة المرور
activity-login-password-failed = حاول شخص ما تسجيل الدخول بكلمة مرور خاطئة
activity-logout = تسجيل الخروج
activity-account-registered = إنشاء الحساب
activity-account-registered-failed = حاول شخص ما التسجيل مرة أخرى بعنوان البريد الإلكتروني هذا
activity-email-verified = تأكيد عنوان البريد الإلكتروني
activity-email-change-requested = طلب تغيير عنوان البريد الإلكتروني
activity-email-changed = تغيير عنوان البريد الإلكتروني
activity-password-changed = تغيير كلمة المرور
activity-password-reset-requested = طلب إعادة تعيين كلمة المرور
activity-password-reset = إعادة تعيين كلمة المرور
activity-account-locked = قُفل الحساب بعد محاولات دخول فاشلة
activity-account-unlocked = فُتح قفل الحساب
activity-profile-updated = تحديث الملف الشخصي
activity-phone-code-sent = طلب رمز تحقق للهاتف
activity-session-revoked = إنهاء إحدى الجلسات
activity-consent-granted = السماح لـ { $app } باستخدام الحساب
activity-consent-revoked = إزالة وصول { $app }
activity-token-issued = سجّلك { $app } للدخول
activity-token-refreshed = جدّد { $app } وصوله
activity-token-revoked = تخلّى { $app } عن وصوله
activity-token-refused = رُفض وصول { $app }
activity-rate-limited = أُوقفت محاولات كثيرة جدًا لبعض الوقت
activity-account-exported = تنزيل بيانات الحساب
activity-login-password-totp = تسجيل الدخول بكلمة المرور وتطبيق مصادقة
activity-login-password-recovery-code = تسجيل الدخول بكلمة المرور ورمز استرداد
activity-login-password-second-step = تسجيل الدخول بكلمة المرور وخطوة ثانية
activity-step-up = تأكيد الهوية
activity-step-up-password = تأكيد الهوية بكلمة المرور
activity-step-up-totp = تأكيد الهوية بتطبيق مصادقة
activity-step-up-recovery-code = تأكيد الهوية برمز استرداد
activity-factor-totp = إدخال رمز من تطبيق مصادقة
activity-factor-recovery-code = استُخدم رمز استرداد
activity-factor-failed-totp = أدخل شخص ما رمزًا خاطئًا من تطبيق مصادقة
activity-factor-failed-recovery-code = أدخل شخص ما رمز استرداد خاطئًا
activity-factor-locked = أدخل شخص ما رمزًا بينما كان الحساب مقفلًا
activity-factor-too-many = رُفض رمز بعد محاولات كثيرة جدًا
activity-mfa-totp-added = أُضيف تطبيق مصادقة
activity-mfa-totp-removed = أُزيل تطبيق مصادقة
activity-mfa-totp-renamed = أُعيدت تسمية تطبيق مصادقة
activity-recovery-codes-generated = أُنشئت رموز استرداد جديدة
activity-recovery-codes-voided = أُبطلت رموز الاسترداد
activity-mfa-reset = أزال مسؤول كل الخطوات الثانية وأنهى كل الجلسات
activity-other = نشاط آخر على الحساب
activity-other-failed = لم يكتمل إجراء على الحساب
activity-login-passkey = تسجيل الدخول بمفتاح مرور
activity-login-passkey-failed = حاول شخص ما تسجيل الدخول بمفتاح مرور لم يُقبل
activity-login-federated = سجّلت الدخول عبر خدمة أخرى
activity-login-federated-failed = رُفض تسجيل دخول عبر خدمة أخرى
activity-federation-linked = رُبط تسجيل دخول عبر خدمة أخرى بحسابك
activity-federation-unlinked = أُزيل تسجيل دخول مرتبط
activity-profile-synced = حُدّث اسمك من خدمة تسجيل الدخول
activity-login-password-webauthn = تسجيل الدخول بكلمة المرور ومفتاح مرور أو مفتاح أمان
activity-login-password-email-code = تسجيل الدخول بكلمة المرور ورمز مرسل بالبريد الإلكتروني
activity-login-password-sms-code = تسجيل الدخول بكلمة المرور ورمز مرسل برسالة نصية
activity-step-up-webauthn = تأكيد الهوية بمفتاح مرور أو مفتاح أمان
activity-step-up-email-code = تأكيد الهوية برمز مرسل بالبريد الإلكتروني
activity-step-up-sms-code = تأكيد الهوية برمز مرسل برسالة نصية
activity-factor-webauthn = استُخدم مفتاح مرور أو مفتاح أمان
activity-factor-email-code = إدخال رمز مرسل بالبريد الإلكتروني
activity-factor-sms-code = إدخال رمز مرسل برسالة نصية
activity-factor-failed-webauthn = استخدم شخص ما مفتاح مرور أو مفتاح أمان لم يُقبل
activity-factor-failed-email-code = أدخل شخص ما رمزًا خاطئًا مرسلًا بالبريد الإلكتروني
activity-factor-failed-sms-code = أدخل شخص ما رمزًا خاطئًا مرسلًا برسالة نصية
activity-mfa-webauthn-added = أُضيف مفتاح مرور أو مفتاح أمان
activity-mfa-webauthn-removed = أُزيل مفتاح مرور أو مفتاح أمان
activity-mfa-webauthn-renamed = أُعيدت تسمية مفتاح مرور أو مفتاح أمان
activity-mfa-email-code-on = شُغّلت رموز تسجيل الدخول بالبريد الإلكتروني
activity-mfa-email-code-off = أُوقفت رموز تسجيل الدخول بالبريد الإلكتروني
activity-mfa-sms-code-on = شُغّلت رموز تسجيل الدخول بالرسائل النصية
activity-mfa-sms-code-off = أُوقفت رموز تسجيل الدخول بالرسائل النصية
activity-device-remembered = تم تذكّر متصفح، فيتخطى الخطوة الثانية
activity-device-forgotten = نُسي متصفح كان متذكَّرًا
activity-setup-put-off = تأجيل إعداد خطوة ثانية

device-browser-on-os = { $browser } على { $os }
device-unknown-browser = متصفح غير معروف
device-unknown-browser-on-os = متصفح غير معروف على { $os }

apps-heading = التطبيقات التي لديها صلاحية الوصول
apps-none = لا يوجد أي تطبيق لديه صلاحية الوصول إلى حسابك.
apps-application = التطبيق
apps-access = الوصول
apps-since = منذ
apps-remove = إزالة الوصول
apps-remove-label = إزالة الوصول الممنوح لـ { $client }
apps-removed = تمت إزالة الوصول. سيتعيّن على التطبيق طلب الإذن مرة أخرى.
apps-no-access = ليس لذلك التطبيق صلاحية وصول.

data-export-heading = تنزيل بياناتك
data-export-intro = ملف JSON يتضمن ملفك الشخصي وجلساتك وتطبيقاتك ونشاطك.
data-export-submit = تنزيل بياناتي
data-delete-heading = حذف حسابك
data-delete-intro = { $days ->
    [zero] يُسجَّل خروجك فورًا من جميع الأجهزة، وتفقد التطبيقات صلاحية الوصول. تُمحى بياناتك الشخصية خلال { $days } يوم؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [one] يُسجَّل خروجك فورًا من جميع الأجهزة، وتفقد التطبيقات صلاحية الوصول. تُمحى بياناتك الشخصية خلال يوم واحد؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [two] يُسجَّل خروجك فورًا من جميع الأجهزة، وتفقد التطبيقات صلاحية الوصول. تُمحى بياناتك الشخصية خلال يومين؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [few] يُسجَّل خروجك فورًا من جميع الأجهزة، وتفقد التطبيقات صلاحية الوصول. تُمحى بياناتك الشخصية خلال { $days } أيام؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [many] يُسجَّل خروجك فورًا من جميع الأجهزة، وتفقد التطبيقات صلاحية الوصول. تُمحى بياناتك الشخصية خلال { $days } يومًا؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
   *[other] يُسجَّل خروجك فورًا من جميع الأجهزة، وتفقد التطبيقات صلاحية الوصول. تُمحى بياناتك الشخصية خلال { $days } يوم؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
}
data-delete-password = كلمة المرور الحالية
data-delete-confirm = أدرك أنه لا يمكن التراجع عن هذا الإجراء
data-delete-submit = حذف حسابي
data-delete-tick = يُرجى تحديد المربع لتأكيد أنك تدرك ذلك.
data-deleted-title = تم حذف الحساب
data-deleted = تم حذف حسابك وتسجيل خروجك من جميع الأجهزة.

## Second factors

factor-title = التحقق بخطوتين
factor-intro-totp = أدخل الرمز المكوّن من 6 أرقام من تطبيق المصادقة.
factor-intro-recovery = أدخل أحد رموز الاسترداد. يعمل كل رمز مرة واحدة فقط.
factor-code = الرمز
factor-recovery-code = رمز الاسترداد
factor-submit = تحقّق
factor-other-ways = جرّب طريقة أخرى
factor-use-totp = استخدم تطبيق المصادقة
factor-use-recovery = استخدم رمز استرداد
factor-code-wrong = هذا الرمز خاطئ أو مستخدم أو منتهي الصلاحية. أدخل أحدث رمز.
enrol-title = إعداد التحقق بخطوتين
enrol-intro = يتطلب تسجيل الدخول هذا خطوة ثانية. أعدّها الآن؛ لن يستغرق ذلك سوى دقيقة.
enrol-done = تم إعداد تطبيق المصادقة.
setup-offer-title = احمِ حسابك
setup-offer-intro = أضف خطوة ثانية إلى تسجيل دخولك، حتى لا تكفي كلمة مرور مسروقة للدخول. لن يستغرق ذلك سوى دقيقة.
setup-grace-intro = سيحتاج تسجيل دخولك إلى خطوة ثانية اعتبارًا من { $date }. أعدّها الآن، أو لاحقًا قبل ذلك التاريخ.
setup-or-passkey = أو استخدم مفتاح مرور أو مفتاح أمان
setup-later = ليس الآن
totp-title = إضافة تطبيق مصادقة
totp-step-scan = امسح رمز QR هذا بتطبيق مصادقة.
totp-qr-label = رمز QR للمفتاح أدناه
totp-manual = لا يمكنك مسحه؟ أدخل هذا المفتاح في التطبيق بدلًا من ذلك:
totp-step-code = أدخل الرمز المكوّن من 6 أرقام الذي يعرضه التطبيق، واسمًا تتعرّف به عليه.
totp-name = الاسم
totp-default-name = تطبيق المصادقة
totp-submit = تفعيل
recovery-codes-title = احفظ رموز الاسترداد
recovery-codes-intro = إذا فقدت هاتفك أو مفتاحك، يتيح لك كل رمز من هذه الرموز تسجيل الدخول مرة واحدة بدلًا من الخطوة الثانية. اطبعها أو احفظها في مدير كلمات مرور.
recovery-codes-once = لن تظهر إلا الآن. إنشاء رموز جديدة يُبطل هذه الرموز.
security-title = أمان تسجيل الدخول
security-intro = تحمي الخطوة الثانية عند تسجيل الدخول حسابك حتى لو عرف أحدٌ كلمة مرورك.
security-totp-heading = تطبيقات المصادقة
security-totp-none = لم تُعدّ أي تطبيق مصادقة.
security-totp-add = إضافة تطبيق مصادقة
security-factor-added = أُضيف في { $date }
security-factor-used = آخر استخدام في { $date }
security-factor-unused = لم يُستخدم بعد
security-rename = إعادة التسمية
security-new-name = اسم جديد لـ { $name }
security-remove = إزالة
security-remove-label = إزالة { $name }
security-recovery-heading = رموز الاسترداد
security-recovery-left = { $count ->
    [zero] لم يتبقَّ أي رمز استرداد غير مستخدم.
    [one] تبقّى رمز استرداد واحد غير مستخدم.
    [two] تبقّى رمزا استرداد غير مستخدمين.
    [few] تبقّت { $count } رموز استرداد غير مستخدمة.
   *[other] تبقّى { $count } رمز استرداد غير مستخدم.
}
security-recovery-none = ليست لديك رموز استرداد.
security-recovery-generate = إنشاء رموز استرداد جديدة
security-recovery-voids = إنشاء رموز جديدة يُبطل الرموز القديمة.
security-totp-added = تم إعداد تطبيق المصادقة.
security-totp-removed = أُزيل تطبيق المصادقة.
security-renamed = حُفظ الاسم.
problem-mfa-name-required = أدخل اسمًا.
problem-mfa-name-too-long = استخدم اسمًا أقصر.
problem-mfa-name-invalid = استخدم اسمًا في سطر واحد.
problem-totp-enrolment-expired = انتهت صلاحية هذا الإعداد. امسح رمز QR الجديد وأدخل رمزه.
problem-totp-too-many = أعددت الحد الأقصى من تطبيقات المصادقة. أزل أحدها أولًا.
problem-totp-label = تعذّر إعداد التطبيق لهذا الحساب.
mail-security-changed-subject = تغيّرت طريقة تسجيل دخولك
mail-security-totp-added = أُعدّ تطبيق مصادقة لتسجيل الدخول إلى حسابك.
mail-security-totp-removed = أُزيل تطبيق مصادقة من حسابك.
mail-security-recovery-generated = أُنشئت رموز استرداد جديدة لحسابك. لم تعد الرموز القديمة تعمل.
mail-security-mfa-reset = أزال مسؤول كل الخطوات الثانية لحسابك (تطبيقات المصادقة، مفاتيح المرور ومفاتيح الأمان، رموز تسجيل الدخول، رموز الاسترداد) وأنهى جميع جلساتك. لحماية حسابك بخطوة ثانية من جديد، أعدّ واحدة من صفحة الأمان.
mail-recovery-code-used-subject = استُخدم رمز استرداد
mail-recovery-code-used = سجّل أحدهم الدخول إلى حسابك بأحد رموز الاسترداد الخاصة بك.
mail-recovery-codes-left = { $count ->
    [zero] لم يتبقَّ أي رمز استرداد.
    [one] تبقّى رمز استرداد واحد.
    [two] تبقّى رمزا استرداد.
    [few] تبقّت { $count } رموز استرداد.
   *[other] تبقّى { $count } رمز استرداد.
}
mail-recovery-codes-few = أنشئ رموز استرداد جديدة قريبًا حتى لا تفقد الوصول إلى حسابك إذا فقدت هاتفك.
mail-security-action = مراجعة أمان تسجيل الدخول
mail-not-you-security = إذا لم تكن أنت، فغيّر كلمة مرورك وراجع أمان تسجيل الدخول الآن.
reauth-title = أكّد هويتك
reauth-intro = أدخل كلمة المرور لإجراء هذا التغيير.
reauth-intro-code = أدخل كلمة المرور ورمزًا من تطبيق المصادقة (أو رمز استرداد) لإجراء هذا التغيير.
reauth-code = رمز من التطبيق أو رمز استرداد
reauth-submit = تأكيد
factor-intro-sent = نرسل رمزًا من 6 أرقام إلى { $to }. يصلح لمدة 5 دقائق.
factor-send = إرسال الرمز
factor-send-again = إرسال رمز جديد
factor-code-sent = أرسلنا رمزًا إلى { $to }.
factor-use-email = الحصول على رمز بالبريد الإلكتروني
factor-use-sms = الحصول على رمز برسالة نصية
security-channels-heading = الرموز بالبريد الإلكتروني أو الرسائل النصية
security-email-status-on = تُرسَل رموز تسجيل الدخول بالبريد الإلكتروني إلى { $to }.
security-email-offer = احصل على رموز تسجيل الدخول بالبريد الإلكتروني على { $to }.
security-sms-status-on = تُرسَل رموز تسجيل الدخول برسالة نصية إلى { $to }.
security-sms-offer = احصل على رموز تسجيل الدخول برسالة نصية على { $to }.
security-sms-no-phone = لتلقي الرموز برسائل نصية، أضف رقم هاتف في ملفك الشخصي وأكّده.
security-email-unverified = أكّد عنوان بريدك الإلكتروني لتلقي الرموز بالبريد الإلكتروني.
security-channel-send = أرسل رمزًا لتفعيل ذلك
security-channel-code-sent = أرسلنا رمزًا إلى { $to }. أدخله لتفعيل رموز تسجيل الدخول.
security-channel-confirm = تفعيل
security-turn-off = إيقاف
security-channel-on = رموز تسجيل الدخول مفعّلة.
security-channel-off = رموز تسجيل الدخول متوقفة.
mail-security-email-on = فُعّلت رموز تسجيل الدخول بالبريد الإلكتروني لحسابك.
mail-security-sms-on = فُعّلت رموز تسجيل الدخول بالرسائل النصية لحسابك.
mail-security-channel-off = أُوقفت رموز تسجيل الدخول بالبريد الإلكتروني أو الرسائل النصية لحسابك.
mail-confirm-address-subject = أكّد عنوان بريدك الإلكتروني
mail-confirm-address = أدخل هذا الرمز لتأكيد عنوان بريدك الإلكتروني وإكمال تسجيل الدخول. تنتهي صلاحيته خلال { $ttl }.
mail-sign-in-code-subject = رمز تسجيل الدخول
mail-sign-in-code = أدخل هذا الرمز لإكمال تسجيل الدخول. تنتهي صلاحيته خلال { $ttl }.
mail-sign-in-code-not-you = إذا لم تكن تسجّل الدخول الآن، فهناك من يعرف كلمة مرورك: غيّرها.
sms-sign-in = { $code } هو رمز تسجيل الدخول. لا تشاركه مع أحد.
reauth-send = إرسال رمز إلى { $to }
login-passkey = تسجيل الدخول بمفتاح مرور
login-passkey-failed = تعذّر تسجيل دخولك بمفتاح المرور هذا. حاول مجددًا، أو سجّل الدخول بكلمة المرور.
factor-intro-webauthn = استخدم مفتاح المرور أو مفتاح الأمان.
factor-use-webauthn = استخدام مفتاح مرور أو مفتاح أمان
factor-webauthn-button = استخدام مفتاح المرور أو الأمان
webauthn-failed = لم يستجب مفتاح المرور أو مفتاح الأمان. حاول مجددًا.
webauthn-needs-js = تحتاج مفاتيح المرور ومفاتيح الأمان إلى تفعيل JavaScript.
security-webauthn-heading = مفاتيح المرور ومفاتيح الأمان
security-webauthn-none = ليس لديك مفتاح مرور ولا مفتاح أمان.
security-passkey-add = إضافة مفتاح مرور
security-key-add = إضافة مفتاح أمان
security-webauthn-name = اسم المفتاح الجديد
security-webauthn-default-name = مفتاح مرور
security-webauthn-added = تم إعداد مفتاح المرور أو مفتاح الأمان.
security-webauthn-removed = أُزيل مفتاح المرور أو مفتاح الأمان.
security-webauthn-passkey = مفتاح مرور
security-webauthn-security-key = مفتاح أمان
mail-security-webauthn-added = أُضيف مفتاح مرور أو مفتاح أمان إلى حسابك.
mail-security-webauthn-removed = أُزيل مفتاح مرور أو مفتاح أمان من حسابك.
problem-webauthn-unavailable = مفاتيح المرور غير متاحة على هذا الموقع.
problem-webauthn-too-many = أضفت الحد الأقصى من المفاتيح. أزل أحدها أولًا.
problem-webauthn-user-name = يحتاج حسابك إلى عنوان بريد إلكتروني لإضافة مفتاح مرور.
problem-webauthn-authenticator-not-allowed = هذا النوع من مفاتيح المرور أو مفاتيح الأمان غير مسموح به هنا.
problem-webauthn-already-registered = مفتاح المرور أو مفتاح الأمان هذا مُضاف بالفعل.
factor-remember = { $days ->
    [zero] لا تسألني مجددًا على هذا الجهاز
    [one] لا تسألني مجددًا على هذا الجهاز لمدة يوم
    [two] لا تسألني مجددًا على هذا الجهاز لمدة يومين
    [few] لا تسألني مجددًا على هذا الجهاز لمدة { $days } أيام
   *[other] لا تسألني مجددًا على هذا الجهاز لمدة { $days } يومًا
}
security-devices-heading = الأجهزة المحفوظة
security-devices-none = لا يتخطى أي جهاز الخطوة الثانية.
security-device-until = حُفظ في { $date } حتى { $until }
security-forget = نسيان
security-forget-label = نسيان { $device }
security-device-forgotten = سيُطلب من هذا الجهاز الخطوة الثانية مجددًا.
nav-security = الأمان

## Password rules

policy-too-short = { $min ->
    [zero] يجب أن تتكون كلمة المرور من { $min } حرف على الأقل.
    [one] يجب أن تتكون كلمة المرور من حرف واحد على الأقل.
    [two] يجب أن تتكون كلمة المرور من حرفين على الأقل.
    [few] يجب أن تتكون كلمة المرور من { $min } أحرف على الأقل.
    [many] يجب أن تتكون كلمة المرور من { $min } حرفًا على الأقل.
   *[other] يجب أن تتكون كلمة المرور من { $min } حرف على الأقل.
}
policy-too-long = يجب ألا يتجاوز عدد أحرف كلمة المرور { $max }.
policy-personal = لا تعتمد في كلمة المرور على اسمك أو بريدك الإلكتروني.
policy-guessable = كلمة المرور هذه سهلة التخمين جدًا.

## Password advice

advice-straight-rows-of-keys = المفاتيح المتتالية في صف واحد من لوحة المفاتيح سهلة التخمين.
advice-short-keyboard-patterns = الأنماط القصيرة على لوحة المفاتيح سهلة التخمين.
advice-repeats-like-aaa = التكرار مثل «{ "\u2066" }aaa{ "\u2069" }» سهل التخمين.
advice-repeats-like-abcabc = التكرار مثل «{ "\u2066" }abcabcabc{ "\u2069" }» أصعب تخمينًا من «{ "\u2066" }abc{ "\u2069" }» بقليل فقط.
advice-top-10-password = هذه واحدة من أكثر 10 كلمات مرور شيوعًا.
advice-top-100-password = هذه واحدة من أكثر 100 كلمة مرور شيوعًا.
advice-common-password = هذه كلمة مرور شائعة جدًا.
advice-similar-to-common-password = كلمة المرور هذه تشبه كلمة مرور شائعة الاستخدام.
advice-sequences-like-abc = التسلسلات مثل { "\u2066" }abc{ "\u2069" } أو { "\u2066" }6543{ "\u2069" } سهلة التخمين.
advice-recent-years = السنوات الأخيرة سهلة التخمين.
advice-word-by-itself = الكلمة الواحدة وحدها سهلة التخمين.
advice-dates = غالبًا ما تكون التواريخ سهلة التخمين.
advice-names-by-themselves = الأسماء الأولى وأسماء العائلة وحدها سهلة التخمين.
advice-common-names = الأسماء الأولى وأسماء العائلة الشائعة سهلة التخمين.
advice-use-a-few-words = استخدم بضع كلمات، وتجنب العبارات الشائعة.
advice-no-need-for-symbols = لا حاجة إلى رموز أو أرقام أو أحرف كبيرة.
advice-add-another-word = أضف كلمة أو كلمتين أخريين، ويُفضَّل أن تكون كلمات غير شائعة.
advice-capitalization = الأحرف الكبيرة لا تفيد كثيرًا.
advice-all-uppercase = الكتابة بأحرف كبيرة فقط سهلة التخمين تقريبًا مثل الكتابة بأحرف صغيرة فقط.
advice-reversed-words = الكلمات المكتوبة بالعكس ليست أصعب تخمينًا بكثير.
advice-predictable-substitutions = الاستبدالات المتوقعة، مثل «{ "\u2066" }@{ "\u2069" }» بدلًا من «{ "\u2066" }a{ "\u2069" }»، لا تفيد كثيرًا.
advice-longer-keyboard-pattern = استخدم نمطًا أطول على لوحة المفاتيح مع تغييرات أكثر في الاتجاه.
advice-avoid-repeats = تجنب تكرار الكلمات والأحرف.
advice-avoid-sequences = تجنب تسلسلات الأحرف.
advice-avoid-recent-years = تجنب السنوات الأخيرة.
advice-avoid-your-years = تجنب السنوات المرتبطة بك.
advice-avoid-your-dates-and-years = تجنب التواريخ والسنوات المرتبطة بك.

## Mail

mail-not-you = إذا لم تطلب ذلك، فيمكنك تجاهل هذه الرسالة.
mail-secure-account = إذا لم تكن أنت من قام بذلك، فأعد تعيين كلمة المرور فورًا وراجع الجلسات في صفحة حسابك.
mail-verify-subject = تأكيد بريدك الإلكتروني
mail-verify-link = افتح هذا الرابط لتأكيد عنوانك. يمكن استخدامه مرة واحدة فقط خلال { $ttl }.
mail-verify-code = أو أدخل هذا الرمز في الصفحة التي أنشأت منها حسابك. تنتهي صلاحيته خلال { $ttl }.
mail-verify-action = تأكيد البريد الإلكتروني
mail-signup-existing-subject = حاول شخص ما إنشاء حساب باستخدام بريدك الإلكتروني
mail-signup-existing-heading = لديك حساب بالفعل
mail-signup-existing = حاول شخص ما، ربما أنت، إنشاء حساب بهذا البريد الإلكتروني. يوجد حساب مرتبط به بالفعل، لذا لم يتغيّر أي شيء.
mail-signup-existing-forgot = إذا نسيت كلمة المرور، فاستخدم «هل نسيت كلمة المرور؟» في صفحة تسجيل الدخول.
mail-sign-in = تسجيل الدخول
mail-reset-subject = إعادة تعيين كلمة المرور
mail-reset-link = افتح هذا الرابط لاختيار كلمة مرور جديدة. يمكن استخدامه مرة واحدة فقط خلال { $ttl }.
mail-reset-action = اختيار كلمة مرور جديدة
mail-invite-subject = حسابك الجديد
mail-invite-link = أُنشئ لك حساب بهذا العنوان. افتح هذا الرابط لاختيار كلمة مرورك. يمكن استخدامه مرة واحدة فقط خلال { $ttl }.
mail-invite-action = اختيار كلمة المرور
mail-password-reset-subject = تمت إعادة تعيين كلمة المرور
mail-password-reset = تمت إعادة تعيين كلمة المرور، وأُنهيت جميع الجلسات وجميع عمليات تسجيل الدخول إلى التطبيقات.
mail-password-changed-subject = تم تغيير كلمة المرور
mail-password-changed = تم تغيير كلمة المرور، وتم تسجيل خروج جلساتك الأخرى.
mail-review-account = مراجعة حسابك
mail-locked-subject = تم قفل حسابك بعد محاولات تسجيل دخول فاشلة
mail-locked-heading = حسابك مقفل مؤقتًا
mail-locked = جرت عدة محاولات فاشلة لتسجيل الدخول إلى حسابك، لذا تم حظر تسجيل الدخول لمدة { $wait }.
mail-locked-not-yours = إذا لم تكن هذه المحاولات منك، فربما يعرف شخص ما كلمة المرور أو يحاول تخمينها: اختر كلمة مرور جديدة.
mail-locked-action = إعادة تعيين كلمة المرور
mail-locked-footer = إذا كنت أنت من قام بذلك، فانتظر ثم حاول مرة أخرى، أو أعد تعيين كلمة المرور.
mail-email-change-subject = تأكيد بريدك الإلكتروني الجديد
mail-email-change-link = افتح هذا الرابط لاعتماد هذا العنوان بريدًا إلكترونيًا لحسابك. يمكن استخدامه مرة واحدة فقط خلال { $ttl }.
mail-email-change-code = أو أدخل هذا الرمز في صفحة حسابك.
mail-email-change-action = تأكيد البريد الإلكتروني
mail-email-changed-subject = تم تغيير البريد الإلكتروني لحسابك
mail-email-changed-heading = تم تغيير بريدك الإلكتروني
mail-email-changed = يستخدم حسابك الآن { $email }. لن تُرسَل رسائل إلى هذا العنوان بعد الآن.
mail-deleted-subject = تم حذف حسابك
mail-deleted = تم حذف حسابك، وأُنهيت جميع عمليات تسجيل الدخول إلى التطبيقات.
mail-deleted-erased = { $days ->
    [zero] ستُمحى بياناتك الشخصية خلال { $days } يوم؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [one] ستُمحى بياناتك الشخصية خلال يوم واحد؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [two] ستُمحى بياناتك الشخصية خلال يومين؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [few] ستُمحى بياناتك الشخصية خلال { $days } أيام؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
    [many] ستُمحى بياناتك الشخصية خلال { $days } يومًا؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
   *[other] ستُمحى بياناتك الشخصية خلال { $days } يوم؛ ولا يحتفظ سجل الأمان إلا بمعرّف مجهول الهوية.
}
mail-deleted-footer = إذا لم تقم بذلك، فتواصل فورًا مع مسؤول هذه الخدمة.

## Text messages

sms-verify-phone = رمز تأكيد رقم هاتفك هو { $code }. لا تشاركه مع أي شخص.
sms-reset-password = رمز إعادة تعيين كلمة المرور هو { $code }. لا تشاركه مع أي شخص.
