"""What secrets look like in an engineer's chat: patterns and word lists for flowpilot.secret_detector, as data.

A pattern with a `value` group marks only that group as the secret (the label stays readable);
without one, the whole match is the secret. Families are named as in tests/data/secrets_spec.md.
"""

# Words after "password is …" that describe the password instead of being it.
NOT_SECRET_WORDS = (
    "expired expiring expires wrong incorrect correct required invalid valid blank empty reset resets changed "
    "change changes changing locked unknown same weak strong fine okay ok working works not the their his her "
    "my your our its missing complex long short good still being also never now saved stored synced sync "
    "rejected accepted policy policies prompt prompts field manager managers vault protected enabled disabled "
    "known shared included rotated rotate updated update cached visible hidden needed done fixed set what "
    "this that there here in on at for from with and case sensitive hash length expiry expiration age a an "
    "be been is was were will would should could can must may might do does did has have had which who "
    "whom whose when where why how it they them he she we you i me us him issue issues problem error errors "
    "request requests screen page dialog box window reset-link link email emails sms text texts app apps "
    "please pls again back through thru over off out up down into onto via per each every any all some "
    "none no yes new old current previous temp temporary default generated random attempt attempts "
    "history complexity requirements requirement rules rule spray sprays file files list lists entry entries "
    "expire lockout lockouts mismatch mismatched type typed typing sent send sending stuck didn't doesn't "
    "isn't wasn't won't cannot can't sheet sheets portal reader readers login logins sign signin signon "
    "works. reuse reused form forms protected. check checks checked verified verify confirmed confirm "
    "provided given shown displayed printed written copied pasted available unavailable active inactive "
    "revoked regenerated regenerate recreated recreate removed remove deleted delete added add applied "
    "string strings value values based only just too very really already yet then than so as if or but "
    "because since until while after before during tied linked assigned issued created exported imported "
    "to via see ask asked keeper bitwarden lastpass 1password itglue hudu passportal vaulted documented "
    "below above attached"
).split()

# Labels whose next word is the secret when a connector (":", "=", "is", "was", "to", "->") follows.
PASSWORD_LABELS = (
    r"pass(?:word|wd|wrd| ?phrase|code)?|pw|pwd|pword|p/w|psk|pre-?shared[ -]key|shared[ -]secret|"
    r"radius secret|ike (?:key|secret)|client[ -]secret|app secret|secret(?:[ -]key)?|"
    r"(?:access|refresh|auth|api|bearer|session|bot|personal access|pat|github|gitlab|slack|stripe|openai|npm|"
    r"sas|storage|account|admin|stream|streaming|rtmp)?[ -]?(?:token|key)|api[ -_]?key|x-api-key|apikey|"
    r"(?:snmp\s+)?(?:v[123]c?\s+)?comm(?:unity)?(?:\s+string)?|wpa2?(?:[ -]psk)?(?: key| passphrase)?|wifi|wi-fi|"
    r"(?:wifi|wi-fi|wireless|network|ssid|guest wifi|guest wi-fi|guest)[ -](?:key|password|pw|pass|psk)|"
    r"recovery[ -](?:key|password)|bitlocker(?: recovery)?(?: key)?|licen[cs]e[ -]key|product[ -]key|"
    r"serial[ -]key|activation[ -]key|cd[ -]key|(?:mfa|2fa|totp|otp|authenticator)[ -](?:seed|secret|key)(?:[ -]key)?|"
    r"seed|totp secret|local admin(?: pw| password| pass)?|laps(?: password| pw)?|temporary access pass|tap"
)
# Numeric codes: one-time codes, PINs, door and alarm codes. The value must hold digits.
CODE_LABELS = (
    r"(?:(?P<kind>one[- ]?time|otp|mfa|2fa|verification|auth(?:entication)?|sms|text|door|alarm|gate|safe|"
    r"keypad|lock|entry|access|security|unlock|garage|building|backup|login|sign-?in|disarm|arm|lockbox|key ?safe)"
    r"\s+)?(?P<label>pin|passcode|code|otp|totp)"
)
# A code label after one of these words is a reference, not a secret ("error code 1603").
NOT_CODE_BEFORE = (
    r"error|status|exit|return|event|http|smtp|response|reason|product|zip|area|country|postal|source|"
    r"dial|promo|discount|qr|bar|post|tax|sort|swift|iban|colour|color|ansi|ascii|unicode|stop|bug|"
    r"fault|result|hresult|win32|ndr|bounce|diagnostic|diag|billing|cost|activity|charge|service|item|"
    r"sku|part|model|issue|ticket|job|task|the error|the status|check|exception|failure|warning"
)
CONNECTOR = (
    r"\s*,?\s*(?P<conn>[:=]+|->|=>|\bis\b|\bwas\b|\bare\b|\bnow\b|\bset to\b|\bchanged to\b|"
    r"\breset to\b|\bto\b|\bof\b|\bit'?s\b)\s*"
)
# After these weak connectors the value must look like a secret (hold a digit or a symbol).
WEAK_CONNECTORS = ("to", "of", "its", "it's", "now", "are")
# "…for the fortigate tunnel was X": up to four words name what the secret is for.
SUBJECT = r"(?:\s+(?:for|of|on|to|at|from|in)\s+(?:the\s+)?[\w.@\\/-]+(?:\s+(?!(?:is|was|=|:)\b)[\w.@\\/-]+){0,3}?)?"

# (family, pattern). Order matters: earlier patterns win overlaps.
PATTERNS: list[tuple[str, str]] = [
    (
        "private_key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
        r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\n\s*\n|$)",
    ),
    ("private_key", r"(?<![A-Za-z0-9+/])(?:MII|b3BlbnNzaC1rZXktdjEA)[A-Za-z0-9+/]{56,}={0,2}"),
    ("totp", r"(?i)otpauth://[^\s\"'<>]*?[?&]secret=(?P<value>[A-Za-z0-9=%]+)"),
    ("azure_storage", r"(?i)(?:AccountKey|SharedAccessKey|SharedAccessSignature|sig)=(?P<value>[^;\s&\"'<>]{8,})"),
    ("password_label", r"(?i)(?:;|^|\s|\")(?:password|pwd|pass)=(?P<value>[^;\s\"'<>]{3,})"),
    ("password_url", r"(?i)\b[a-z][a-z0-9+.-]{1,15}://[^\s:/@\"'<>]*:(?P<value>[^\s@/\"'<>]+)@"),
    ("password_pair", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+:(?P<value>(?!\d{2,5}\b)[^\s,;\"'<>]{4,})"),
    ("password_pair", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s+:\s+(?P<value>(?=\S*\d)(?=\S*[A-Za-z])[^\s,;\"'<>]{6,})"),
    ("aws_key", r"\b(?:AKIA|ASIA|AIDA|AROA)[0-9A-Z]{16}\b"),
    ("prefixed_token", r"\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}\b"),
    ("prefixed_token", r"\bglpat-[A-Za-z0-9_-]{20,}\b|\bglptt-[A-Za-z0-9_-]{20,}\b|\bgldt-[A-Za-z0-9_-]{20,}\b"),
    ("prefixed_token", r"\bxox[abposrce]-[A-Za-z0-9-]{10,}\b|\bxapp-[A-Za-z0-9-]{10,}\b"),
    ("prefixed_token", r"\b[a-z]{2,4}_(?:live|test)_[A-Za-z0-9]{10,}\b|\bwhsec_[A-Za-z0-9]{20,}\b"),
    ("bearer", r"(?i)\bbearer\s+(?P<value>(?=[\w.~+/-]*\d)[A-Za-z0-9._~+/-]{12,}=*)"),
    # "aws_access_key_id = WK7…", "client_secret: …": a key, secret or token assigned in a config or a command.
    (
        "key_assignment",
        r"(?i)(?:key|secret|token)(?:_id)?\s*[:=]\s*['\"]?"
        r"(?P<value>(?=[^\s'\",;]*\d)(?=[^\s'\",;]*[A-Za-z])[^\s'\",;\\]{8,})",
    ),
    ("prefixed_token", r"\bsk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}\b"),
    ("prefixed_token", r"\bnpm_[A-Za-z0-9]{30,}\b|\bAIza[0-9A-Za-z_-]{35}\b|\bya29\.[0-9A-Za-z_-]{20,}"),
    ("prefixed_token", r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ("azure_app_secret", r"(?<![\w~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w~.-])"),
    ("azure_storage", r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])"),
    (
        "aws_key",
        r"(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[0-9/+])"
        r"[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
    ),
    ("bitlocker", r"\b\d{6}(?:[- ]\d{6}){7}\b"),
    ("product_key", r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}\b"),
    ("password_command", r"(?i)\bnet\s+user\s+(?:\"[^\"]+\"|\S+)\s+(?P<value>(?!/)[^\s\"]+|\"[^\"]+\")"),
    ("password_command", r"(?i)\bsshpass\s+-p\s*['\"]?(?P<value>[^\s'\"]+)"),
    ("password_command", r"(?i)(?:mysql|mysqldump|mariadb)\b[^\n]*?\s-p(?P<value>[^\s-][^\s]*)"),
    ("password_command", r"(?i)ConvertTo-SecureString\s+(?:-String\s+)?['\"](?P<value>[^'\"]+)['\"]"),
    (
        "password_command",
        r"(?i)(?:^|\s)(?:--?|/)(?:password|passwd|pass|pwd|pw|newpassword|new-password|"
        r"adminpassword|p)[\s=:]+['\"]?(?P<value>(?![-/])[^\s'\")]{3,})",
    ),
    (
        "password_pair",
        r"(?i)\bcreds?(?:entials)?\b(?:\s+(?:for|on|to)\s+[^:\n/]{1,40}?)?\s*(?:[:=]|is|are)?\s*[^\s/]+\s*/\s*"
        r"(?P<value>[^\s,;]{3,})",
    ),
    ("password_pair", r"(?i)\buser(?:name)?\s*/\s*pass(?:word)?\s*[:=]?\s*[^\s/]+\s*/\s*(?P<value>[^\s,;]{3,})"),
    ("password_pair", r"(?i)\bu(?:ser)?\s*[:=]\s*\S+\s*,?\s*p(?:w|wd|ass)?\s*[:=]\s*(?P<value>[^\s,;]{3,})"),
    # "logged in as admin with X", "tried local admin using X": the value must hold a letter and a digit.
    (
        "password_with",
        r"(?i)\b(?:log(?:ged)?\s*(?:in|on)|sign(?:ed)?\s*(?:in|on)|got in(?:to)?|connected|connect|"
        r"logon|login|auth(?:enticated)?|tried|admin|root|administrator|as\s+\S+)\b[^.\n]{0,60}?"
        r"\b(?:with|using|w/)\s+(?:the\s+)?(?:password\s+|pw\s+|pass\s+)?['\"]?"
        r"(?P<value>(?=[^\s'\"]*\d)(?=[^\s'\"]*[A-Za-z])[^\s'\",;()]{6,})",
    ),
    # "changed it to X", "reset his to X".
    (
        "password_label",
        r"(?i)\b(?:changed|reset|set|updated|rotated)\s+(?:it|that|them|hers?|his|theirs|the pw|the pass)"
        r"\s+(?:to|=)\s+['\"]?(?P<value>(?=[^\s'\"]*\d)(?=[^\s'\"]*[A-Za-z])[^\s'\",;()]{6,})",
    ),
    ("totp", r"(?i)\b(?:seed|secret|key)\b[^\n]{0,20}?(?P<value>\b[A-Z2-7]{4}(?: [A-Z2-7]{4}){3,7}\b)"),
    # "site install code support wants: AGX-5521-KQ7P-0093": a setup code, further on in its sentence.
    (
        "setup_code",
        r"(?i)\b(?:install(?:er|ation)?|setup|set-up|enrol(?:l?ment)?|registration|pairing|activation|claim|"
        r"transfer|auth(?:orisation|orization)?|epp)\s+code\b[^.:\n]{0,40}?(?:[:=—–-]|\bis\b)\s*"
        r"(?P<value>(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9][\w-]{7,})",
    ),
    # Anything the engineer marks as not for the notes ("X7-… (dont put in notes)").
    (
        "marked_private",
        r"(?i)(?P<value>(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9][\w!@#$%^&*.-]{5,})\s*[(,—–-]?\s*"
        r"(?:do not|don'?t|dont|never)\s+(?:put|write|store|share|post|paste|log|keep)\b",
    ),
]
