"""Words and phrases the IntentDetector matches, kept as data (all lower case)."""

# What an engineer asks FlowPilot to write. Typos seen in chat are included on purpose.
REQUEST_NOUNS = [
    "update", "updates", "upate", "udpate", "updte", "updat", "summary", "summery", "sumary",
    "recap", "write-up", "writeup", "write up", "rundown", "run-down", "sitrep", "status report",
    "progress report", "note", "notes", "blurb", "heads up", "heads-up", "tl;dr", "tldr",
    "message", "msg", "something", "one-liner", "one liner", "draft", "handover", "hand-off note",
    "documentation", "explanation", "handoff", "hand-off", "wording", "text", "paragraph",
]
# "email" is a request noun only when it is the format, not the topic (see EMAIL_TOPIC_*).
EMAIL_WORDS = ["email", "e-mail", "e mail", "mail", "emai", "emial", "emal", "eml", "mial"]
EMAIL_TOPIC_NEXT = {
    "issue", "issues", "problem", "problems", "delivery", "flow", "outage", "server", "servers",
    "sync", "routing", "security", "filter", "filtering", "rule", "rules", "account", "accounts",
    "address", "addresses", "not", "isn't", "is", "are", "was", "were", "bouncing", "bounced",
    "bounces", "stuff", "migration", "quarantine", "trace", "headers", "header", "setup",
    "signature", "client", "app", "from", "queue", "system", "service", "stopped", "box",
    "settings", "thread", "chain", "they", "she", "he", "i", "which", "in", "alert", "alerts",
    "signatures", "notification", "notifications", "forwarding", "on", "but", "works",
    "working", "access", "client's", "clients", "loop", "template", "templates", "policy",
}
# "email" is the format when these come right before it ("draft an email", "by email") ...
EMAIL_FORMAT_PREV = {"a", "an", "write", "draft", "send", "compose", "prep", "prepare", "short",
                     "quick", "brief", "detailed", "full", "formal", "friendly", "polished",
                     "proper", "follow-up", "followup", "by", "via", "over", "client", "customer",
                     "update", "status", "progress", "resolution", "escalation", "thorough",
                     "longer", "nice", "professional", "fire", "shoot", "pls", "please", "plz",
                     "gimme", "me", "u", "you", "whip", "another", "closing", "final", "your",
                     "comprehensive", "depth", "in-depth", "complete", "concise", "clear",
                     "one-line", "two-line", "plain", "simple", "courtesy", "apology"}
# ... or right after it ("email draft", "email to the client").
EMAIL_FORMAT_NEXT = {"draft", "update", "version", "reply", "response", "summary", "body", "to",
                     "recap", "note", "writeup", "write-up",
                     "for", "the", "our", "them", "dana", "explaining", "saying", "letting",
                     "with", "that", "pls", "please", "?", "!"}
EMAIL_AUDIENCE_OBJECTS = {"client", "customer", "clients", "customers", "user", "users", "end",
                          "contact", "vendor", "team", "office", "business", "owner", "manager",
                          "cleint", "custmer", "update", "summary", "recap", "cx", "board"}
EMAIL_TOPIC_PREV = {"external", "internal", "inbound", "outbound", "incoming", "outgoing", "no",
                    "their", "her", "his", "ceo's", "of", "on", "about", "regarding", "re", "with",
                    "the", "that", "this", "your", "any", "its"}
# Verbs and frames that turn a noun into a request.
REQUEST_CUES = [
    "give", "gimme", "give me", "write", "draft", "prep", "prepare", "generate", "make",
    "create", "put together", "compose", "whip up", "knock out", "produce", "need", "needs",
    "want", "wants", "can you", "could you", "can u", "could u", "would you", "will you", "pls",
    "please", "plz", "let's", "lets", "let us", "time for", "time to", "ready for", "i'd like",
    "id like", "how about", "help me", "send", "share", "post", "do", "summarize", "summarise",
    "sum up", "get me", "throw together", "spin up", "crank out", "type up", "jot", "jot down",
    "owe", "shoot", "fire off", "drop", "add", "log", "put", "should go", "cook up", "bang out",
    "rough out", "mock up", "outline", "word", "phrase", "explain", "tell", "record",
    "document", "craft", "turn", "paste", "note down", "let", "keep", "need to", "have to",
]
# Verbs that make something to hand over; with an audience or a length they are a request.
MAKE_VERBS = ["write", "draft", "prep", "prepare", "generate", "compose", "put together",
              "whip up", "knock out", "summarize", "summarise", "sum up", "recap", "word",
              "phrase", "explain", "tell", "record", "document", "jot", "type up", "craft",
              "log", "note down", "wording", "writeup", "write up", "throw together",
              "cook up", "bang out", "rough out", "mock up", "outline", "write it up",
              "write this up", "write that up", "wrap it up", "wrap this up", "wrap up"]
# "how do I set up …" is a question about something else unless the verb is about telling.
HOW_QUESTION = r"\b(?:how (?:do|can|should|would|could|to)(?: (?:i|we|you|u))?|best way to|way to)\s+([a-z']+)"
HOW_TELL_VERBS = {"tell", "explain", "word", "phrase", "say", "communicate", "put", "let",
                  "break", "update", "write", "summarize", "summarise", "pitch", "frame",
                  "present", "describe", "respond", "reply"}
GRATITUDE = {"thanks", "thank", "thx", "ty", "cheers", "thnaks", "thanx", "nice", "great",
             "perfect", "awesome", "cool", "ok", "okay", "got", "gotcha", "lovely", "brilliant"}
# Words after which a subject + verb is a report of what happened ("I put a note in CW").
SUBJECTS = {"i", "we", "they", "he", "she", "already", "just", "client", "customer", "user",
            "vendor", "dana", "someone", "somebody", "tech"}
MODAL_CUES = {"need", "needs", "want", "wants", "need to", "have to", "can you", "could you",
              "would you", "will you", "let's", "lets", "i'd like", "id like", "help me", "pls",
              "please", "plz"}
# Past tense: someone already did it ("I already sent them an update").
PAST_VERBS = {
    "sent", "emailed", "mailed", "posted", "wrote", "written", "gave", "given", "got", "gotten",
    "received", "forwarded", "shared", "replied", "provided", "left", "texted", "submitted",
    "attached", "pasted", "added", "updated", "did", "done", "had", "made", "drafted",
    "prepared", "called", "told", "said", "already", "saw", "read", "logged", "emailing",
    "responded", "asking", "asked", "requested", "requesting", "replying", "says", "reports",
    "reported", "mentions", "complains", "complained", "claims", "tells", "writes", "answered", "uploaded", "published", "pushed", "installed", "applied",
}
# A request noun used as a subject or object of something else is not a request.
NOUN_BLOCKERS_NEXT = {
    "from", "failed", "fails", "failing", "install", "installed", "installing", "stuck",
    "pending", "service", "history", "rollup", "ring", "rings", "policy", "policies",
    "assistant", "catalog", "server", "says", "said", "say", "show", "shows", "showed",
    "mention", "mentions", "mentioned", "indicate", "indicates", "is", "was", "were", "are",
    "has", "have", "had", "broke", "bricked", "reboot", "rebooted", "error", "errors",
    "window", "channel", "cycle", "size", "field", "box", "bar",
    "column", "log", "logs", "queue", "deployment", "wave", "schedule", "settings", "trace",
    "traces", "id", "ids", "header", "headers", "rules", "will", "would", "should", "must",
    "can", "needs", "requires", "version", "package", "packages", "file", "files",
}
NOUN_BLOCKERS_PREV = {
    "windows", "firmware", "bios", "uefi", "driver", "drivers", "security", "feature",
    "cumulative", "quality", "software", "app", "os", "ios", "android", "chrome", "office",
    "agent", "definition", "definitions", "signature", "av", "antivirus", "defender", "patch",
    "system", "macos", "microcode", "rmm", "version", "mac", "mdm", "intune", "edge", "teams",
    "zoom", "adobe", "java", "dell", "hp", "lenovo", "kb", "exchange", "sql", "vmware", "esxi",
    "fortios", "fortigate", "meraki", "sonicwall", "ubiquiti", "unifi", "vendor's", "microsoft",
    "microsoft's", "pending", "cisco", "apple", "wsus", "monthly", "optional", "preview", "hotfix",
    "sticky", "release", "patch-tuesday", "vpn", "dns", "outlook", "error", "text", "bounce",
    "voice", "voicemail", "welcome", "ndr", "smtp", "slack", "chat", "pop-up", "popup",
}
# Idioms where a request noun means something else.
NOUN_VETO_PHRASES = ["make a note", "take a note", "take note", "make note", "release notes",
                     "patch notes", "note to self", "sticky note", "heads up,", "message trace",
                     "error message", "ran message trace", "known issue"]
# Markers that say "update" is a verb here ("how do I update the firmware").
VERB_MARKERS_PREV = {"to", "i", "we", "you", "can", "could", "will", "should", "must", "'ll",
                     "need", "do", "and", "then", "just", "how", "u", "not", "n't", "gonna",
                     "wanna", "they", "he", "she", "it", "also", "pls", "please", "plz", "'d",
                     "might", "may", "would", "cannot", "didn't", "don't", "won't"}
NOUN_FOLLOWERS = {"for", "on", "pls", "please", "plz", "?", ".", "!", "about", "re",
                  "regarding", "to", "with", "so", "now", ",", "-", "—", ":", "that", "i",
                  "we", "in", "of", "thx", "thanks", "asap", "when", "before", "after"}
# Modifiers that support "update"/"summary" being a request on their own ("status update").
SUPPORT_MODIFIERS = {"quick", "short", "brief", "status", "progress", "client", "customer",
                     "ticket", "detailed", "full", "final", "interim", "eod", "daily",
                     "written", "formal", "email", "internal", "psa", "resolution",
                     "escalation", "handoff", "closing", "close-out", "thorough", "longer",
                     "proper", "polished", "friendly", "hourly", "tl;dr", "one-line",
                     "two-line", "another", "fresh", "new", "next", "midday", "afternoon",
                     "morning", "end-user", "user", "cw", "connectwise", "autotask", "halo",
                     "tech", "handover", "high-level", "detailled", "comprehensive", "complete"}
# Audiences. Email (as the format) beats notes, notes beat client, client beats a bare "ticket".
AUDIENCE_NOTES = ["note", "notes", "internal", "psa", "connectwise", "connect wise", "cw",
                  "manage", "autotask", "halo", "halopsa", "documentation", "tech note",
                  "handoff note", "hand-off note", "work notes", "time entry", "internal note"]
AUDIENCE_TICKET = ["ticket", "tickets", "tkt", "tix", "ticket's", "tikcet", "tciket", "tickt",
                   "tiket"]
AUDIENCE_CLIENT = ["client", "clients", "cleint", "clinet", "customer", "customers", "custmer",
                   "costumer", "end user", "end-user", "end users", "enduser", "user", "users",
                   "portal", "contact", "client's", "customer's", "business owner", "office manager", "cx",
                   "practice manager", "their ceo", "their it contact", "finance lead", "the partners", "the board"]
AUDIENCE_EMAIL_ALWAYS = ["subject line", "sign-off", "sign off", "signoff", "email draft",
                         "draft email", "e-mail draft", "mail draft"]
LENGTHS = {
    "quick": ["quick", "quickly", "short", "brief", "briefly", "one-liner", "one liner",
              "oneliner", "one line", "two lines", "2 lines", "a line or two", "tl;dr", "tldr",
              "a sentence or two", "one sentence", "two sentences", "couple sentences",
              "couple of sentences", "concise", "quickie", "short and sweet", "high level",
              "high-level", "quik", "qucik", "1-2 sentences", "one-line", "two-line", "summary-level",
              "shorter", "briefer", "1-liner", "2-sentence", "2 sentences", "two-sentence", "2 sentences max",
              "qiuck", "shrot", "30-second", "30 second", "half-minute"],
    "detailed": ["detailed", "detail", "details", "full", "thorough", "thoroughly", "breakdown",
                 "break down", "break-down", "everything", "long version", "longer", "in-depth",
                 "in depth", "comprehensive", "complete", "step by step", "step-by-step",
                 "all the steps", "deep dive", "blow by blow", "detailled", "detialed", "long",
                 "full rundown", "exhaustive", "every step", "all the details", "more detail", "thorugh",
                 "throrough", "ful", "full write-up", "full write up"],
}
CONTEXTS = {
    "progress": ["progress", "where we are", "where we're at", "where we are at",
                 "where things stand", "where we stand", "so far", "still working",
                 "still investigating", "in progress", "midway", "mid-way", "current state",
                 "what we've done", "what we have done", "what's been done", "work so far",
                 "interim", "still on it", "still digging", "where it stands", "where i'm at",
                 "where im at", "what i've done", "what i have done", "current progress",
                 "ongoing", "still troubleshooting", "still in progress", "halfway"],
    "resolution": ["fixed", "resolved", "close-out", "closeout", "close out", "closing",
                   "closure", "solved", "working again", "working now", "it's working",
                   "back up", "back online", "resolution", "all sorted", "sorted", "fix is in",
                   "been fixed", "is fixed", "wrap-up", "wrap up", "wrapping up", "done and dusted",
                   "final", "root cause", "resolve", "closing note", "close the ticket", "restored"],
    "escalation": ["escalating", "escalate", "escalated", "escalation", "handoff", "hand-off",
                   "hand off", "handing off", "handing over", "hand over", "handover", "tier 2",
                   "tier 3", "tier-2", "tier-3", "tier two", "tier three", "t2", "t3", "l2", "l3",
                   "level 2", "level 3", "vendor", "specialist", "senior engineer", "passing to",
    "handing it over", "handing it off", "hand it off", "hand it over", "handing this off",
    "handing this over", "hand this off", "hand this over", "handed off", "passing this",
                   "pass it to", "passing it", "kicking it up", "kick it up", "bump it up",
                   "next tier", "network team", "microsoft support", "escalations"],
}
# Blocks a slot word in a given neighbourhood ("mailbox full", "screen resolution").
SLOT_BLOCKERS_PREV = {
    "full": {"mailbox", "disk", "inbox", "drive", "quota", "is", "was", "are", "were", "almost",
             "queue", "storage", "volume", "partition", "being"},
    "resolution": {"screen", "display", "dns", "name", "monitor", "native", "video", "rdp",
                   "print", "printer", "scaling", "4k", "hd"},
    "everything": {"is", "but", "check", "checked", "tried", "rebooted", "restart"},
    "complete": {"not", "is", "was", "install", "sync", "backup"},
    "long": {"how", "too", "that", "so", "as", "this"},
    "closing": {"keeps", "keep", "kept", "app", "outlook", "window"},
    "final": {"the"},
    "vendor": {"from"},
    "client": {"vpn", "outlook", "mail", "email", "teams", "rdp", "ssh", "ftp", "thin", "mobile",
               "web", "software", "anyconnect", "globalprotect", "forticlient", "dhcp", "sccm",
               "citrix", "desktop", "windows", "mac", "sync", "backup", "agent", "torrent", "zoom",
               "onedrive", "dropbox", "remote", "fat", "new", "nfs", "smb", "ntp", "dns", "sql"},
    "details": {"account", "login", "the", "connection", "error"},
    "detail": {"the", "more", "in"},
}
SLOT_BLOCKERS_NEXT = {
    "everything": {"is", "was", "'s", "works", "working", "seems", "looks", "else", "fine",
                   "ok", "checks", "back", "looked"},
    "full": {"of", "access", "control", "name", "permissions", "backup", "scan", "sync",
             "disk", "mailbox", "duplex"},
    "complete": {"the"},
    "long": {"time", "does", "did", "will", "has", "have"},
    "user": {"account", "accounts", "profile", "profiles", "mailbox", "name", "names", "list",
             "permissions", "rights", "object", "objects", "group", "groups", "creation"},
    "users": {"group", "groups", "list"},
    "contact": {"form", "list", "card", "object"},
    "portal": {"login", "page", "url"},
    "quick": {"question", "q", "check", "look", "test", "one", "fix", "reboot"},
    "short": {"on", "circuit", "circuited"},
    "manage": {"to", "the", "it"},
    "internal": {"mail", "email", "emails", "dns", "network", "ip", "server", "users", "user",
                 "only", "traffic", "addresses"},
    "detail": {"the"},
}
# Frames that are requests on their own ("what should I tell the client").
TELL_PATTERNS = [
    [{"LOWER": {"IN": ["what", "wat", "wht", "how"]}},
     {"LOWER": {"IN": ["should", "do", "can", "shall", "would", "could", "to", "'d", "am"]}},
     {"LOWER": {"IN": ["i", "we", "u"]}, "OP": "?"},
     {"LOWER": {"IN": ["tell", "say", "explain", "communicate", "word", "phrase", "let"]}}],
    [{"LOWER": {"IN": ["let", "keep", "loop", "fill", "bring", "update", "updating", "brief",
                       "inform", "notify", "ping"]}},
     {"LOWER": {"IN": ["the", "our", "my", "this", "in"]}, "OP": "?"},
     {"LOWER": {"IN": ["client", "customer", "cleint", "custmer", "end", "user", "users",
                       "ticket", "contact", "portal", "psa", "clients", "customers"]}}],
    [{"LOWER": {"IN": ["summarize", "summarise", "recap"]}}],
    [{"LOWER": "sum"}, {"LOWER": {"IN": ["up", "it", "this", "things"]}}],
    [{"LOWER": {"IN": ["share", "post", "send", "give", "report", "shre"]}},
     {"LOWER": {"IN": ["our", "the", "my", "current"]}, "OP": "?"},
     {"LOWER": {"IN": ["progress", "status"]}}],
]
# "what do I put in the ticket": a request only when an audience is named after it.
WHAT_PATTERNS = [
    [{"LOWER": {"IN": ["what", "wat", "wht"]}},
     {"LOWER": {"IN": ["should", "do", "can", "shall", "would", "could", "to"]}},
     {"LOWER": {"IN": ["i", "we", "u"]}, "OP": "?"},
     {"LOWER": {"IN": ["put", "write", "include", "send", "post", "add", "give", "report"]}}],
]
# An object after summarize that means "explain this other thing", not "update someone".
SUMMARIZE_BLOCK_NEXT = {"log", "logs", "error", "errors", "output", "event", "events", "article",
                        "kb", "doc", "document", "headers", "thread", "trace"}
# A request that refers to the update just written ("now the client version", "shorter", "email version w/ sign
# off", "same for the ticket"): it changes that update instead of starting a new one.
FOLLOW_UP = (r"(?i)^\W*(?:(?:ok(?:ay)?|great|perfect|nice|thanks|cool|good)\W+)?(?:now|and|also|then|next)\b|"
             r"\b(?:version|one)\b\W*$|\b(?:shorter|longer|briefer|more detail(?:ed)?|less detail|more formal|"
             r"friendlier|plainer|make (?:it|that|this)|same (?:thing )?for|as an? (?:email|note)|redo)\b")
# How a follow-up changes the length when it names none ("shorter" is the quick one, "more detail" the detailed).
SHORTER = r"(?i)\b(?:shorter|briefer|trim|tighten|cut it down|less detail)\b"
LONGER = r"(?i)\b(?:longer|more detail(?:ed)?|expand|fuller)\b"
# Where a message's last part starts ("fixed the queue. anyway, brief note for the techs"): a request that comes
# second is read on its own as well, so the troubleshooting before it does not drown it.
PART_BREAK = r"(?<=[.!?])\s+|\s+[—–-]\s+|\.\.\.\s*|;\s+|,\s+(?=(?:anyway|so|ok|then|now|and)\b)"
# "update for Oakfield Dental", "what should I tell Duval & Ortiz?", "write Dr Salazar an update": someone named
# outside the MSP is the client (intent-labels.md). The words after these, when they are not ours, name them.
RECIPIENT_BEFORE = r"(?i)\b(?:for|to|tell|write|send|update|updating|message|msg|email|brief|inform|let)\s+(?:the\s+)?"
NOT_RECIPIENTS = set(
    "the a an me us you them him her it this that these those now today tonight tomorrow ticket tkt tickets cw psa "
    "connectwise autotask halo notes note internal tech techs team tier vendor nights night shift on-call next "
    "whoever colleague colleagues raj my our your their his its whom eod close-out closeout escalation handover "
    "handoff client customer cx end user users everyone someone somebody everything".split()
)
# "handover for tomasz", "notes for raj on call": a colleague, not the client.
COLLEAGUE_CUES = r"(?i)\b(?:handover|hand-over|hand over|handoff|hand-off|on[- ]call|nights|next shift|night shift|colleague)\b"
# "write up for tier 2", "summary for the vendor": with no client word, these set only the context.
NEXT_TIER = r"(?i)\b(?:tier ?[23]|t[23]|l[23]|vendor|vendr|security team|network team|next tier)\b"

# Writing that is not an update about this session: a template, checklist, change request, script … to write, or
# a summary of someone else's document ("detailed summary of the CISA advisory").
OTHER_WRITING = (
    r"(?i)\b(?:write|draft|create|make|suggest|prepare|put together|knock up|give me)\s+(?:me\s+|us\s+)?"
    r"(?:an?\s+|the\s+|our\s+|some\s+)?(?:[\w-]+\s+){0,3}?(?:template|checklist|change request|runbook|sop|"
    r"procedure|policy|convention|kb article|proposal|quote|invoice|contract|script|regex|query|one-liner to|"
    r"powershell|sql|agenda|(?:(?<=\ba )|(?<=\ban )|(?<=\bthe ))guide|how-to|explanation|thank-you|thank you (?:note|card|email|message)|newsletter|"
    r"(?:awareness|welcome|onboarding) (?:email|message|pack|letter)|(?:dr|disaster recovery|project|migration|"
    r"rollout|test|business continuity) plan|minutes|statement of work|slide deck|deck|(?:renewal )?reminder "
    r"(?:email|message))s?\b|(?:^|[.!?]\s+)(?:renewal |marketing |welcome )?reminder (?:email|message)\b|"
    r"\b(?:tl;?dr|summar(?:y|ise|ize))\s+(?:of\s+)?(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?(?:email|thread|chain|pdf|"
    r"document|contract|agreement)\b|\b(?:write|draft)\b[^.?!]{0,40}\bwelcoming\b|\bsummar(?:y|ise|ize)\s+(?:of\s+)?(?:the|this|that|a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:advisory|article|release notes|bulletin|whitepaper|white paper|cve|kb|blog|report|datasheet|thread)\b"
)
# "don't write the client update yet", "no need for ticket notes on this one", "I'll write the email myself":
# an update declined or put off. The clause ends at the first break; a request may still follow it
# ("don't send the customer anything yet, i just want the tech notes").
DECLINED = (
    r"(?i)^\s*(?:(?:pls|please|ok|okay|and|kindly)\s+)?(?:(?:don'?t|do not|dnt|no need to|hold off(?: on)?|not yet|"
    r"skip|park)\b|no need for\b|no (?:update|notes?|email)s?\b|before (?:we|you|i) (?:do|write|send|draft)\b|"
    r"(?:i'?ll|i will|i'm gonna|im gonna|i am going to) (?:write|draft|send|do) [^,.;!?]*\bmyself\b)(?:(?!\s[—–-]\s)[^,.;!?])*[,.;!?]?"
)
# "the client update can wait", "leave the notes for now", "did anyone send the client an update?", "whose turn
# is it to write the summary?": updates put off, and questions about updates; neither asks for one.
PUT_OFF = (
    r"(?i)\b(?:update|notes?|email|write-?up|summary)\s+(?:can|will|could) wait\b|^\s*leave (?:the|it|that|this)\b[^.?!]*\b(?:for now|till|until)\b|"
    r"\bwon'?t bother\b|^\s*(?:did|has|have)\s+(?:any\s?(?:one|body)|some\s?(?:one|body)|we|you|they|he|she|\w+)\s+"
    r"(?:already\s+)?(?:send|sent|write|written|wrote|post|posted|update|updated)\b|^\s*(?:whose turn|who(?:'s| is)? "
    r"(?:supposed|meant|going) to|who (?:sends|writes|does|updates|posts))\b|^\s*should (?:the |our |cw |ticket |"
    r"client |internal )?(?:notes?|updates?|emails?)\b|^\s*how often\b|\bnot (?:updating|emailing|writing to) (?:them|the "
    r"(?:client|customer|cx))\b|\b(?:doesn'?t|don'?t|does not|do not) need (?:an? |the |any )?(?:update|notes?|email|"
    r"write-?up)\b(?![^.]*\b(?:just|juts|jus|jsut|only|instead)\b)|^\s*(?:kindly |pls |please )?(?:clarify|confirm|inform|explain)"
    r"\s+(?:me\s+)?(?:whether|if|what|how|who|which)\b|\bwhat(?:'s| is) the process\b|^\s*(?:what'?s|whats|what is|"
    r"which|where'?s)\b[^?]{0,60}\b(?:endpoint|endpont|api|field|column|property|cmdlet|parameter)\b"
)
# Documents that are no update; with "draft it" after one of them, "it" is the document.
OTHER_DOCUMENTS = (
    r"(?i)\b(?:statement of work|sow|proposal|quote|quotation|contract|services agreement|agenda|minutes|slide deck|"
    r"deck|runbook|checklist|invoice|newsletter|job description|business case)\b"
)
# "…, just a note in CW": the words that turn from a declined update to the one wanted.
INSTEAD = frozenset({"just", "juts", "jus", "jsut", "only", "instead", "rather", "but"})
# "quick update — we're escalating to tier 2", "update: DC back up": the engineer giving news, not asking for it
# (unless a request follows in the same message).
STATEMENT = (
    r"(?i)^\s*(?:resolved|fixed|sorted|done)\s*[,.!—–-]\s*(?:closing|closed)\b(?!.*\b(?:send|write|draft|email|"
    r"update|notes?)\b)|"
    r"^\s*(?:quick|brief|short|small|status|progress)?\s*update\s*(?::|—|–|-)\s+"
    r"(?!.*\b(?:can you|could you|can u|pls|plz|please|write|draft|send|need (?:a|an)|for (?:the )?(?:client|"
    r"customer|cx|ticket)|notes?)\b)"
)
# "write an SOW for …", "draft a quick survey for cx satisfaction": after one of these verbs, the first noun that is
# none of the update words below names what is to be written, and it is no update (intent_rules.writes_other).
OBJECT_VERBS = frozenset(
    "write writing draft drafting prep prepare preparing generate compose composing craft give make create produce "
    "throw knock whip".split()
)
OBJECT_PARTICLES = frozenset("up it this that".split())
OBJECT_STOPS = frozenset("for to about on re regarding of with so that which and explaining saying telling letting".split())
OBJECT_FILLERS = frozenset(
    "me us them him her you u pls please plz kindly quick short brief proper nice new detailed full thorough little "
    "few couple simple plain formal friendly final closing one-line two-line out together some another same again "
    "very really just real polite clear concise these those".split()
)
UPDATE_OBJECTS = frozenset(
    "it one lines line liner words reply response version para status wrap-up wrapup eod end sentence sentences "
    "bullets points letter what where how info information resume resumé notice escalation handover close-out "
    "closeout story".split()
)
# The update words most often typed wrong ("somthing", "updaet", "eamil"), matched loosely.
UPDATE_OBJECTS_TYPED = ("something", "update", "email", "summary", "note", "notes", "message", "escalation")
