"""How the ledger reads engineer shorthand: clause patterns per fact kind, kept as data."""

# Checked in this order; the first kind whose pattern matches a clause wins.
CLAUSE_RULES: list[tuple[str, str]] = [
    ("ruled_out", r"^(?:it )?(?:is|'s) not (?:the |a |an )?[\w'.-]+(?: [\w'.-]+){0,2}$|"
                  r"^(?:so |and )?not (?!(?:in|on|at|from|for|with|by|to|yet|sure|there|here|all|\w+ing|\w+ed|\w+'s)\b)"
                  r"(?:a |an |the )?[\w'.-]+(?: [\w'.-]+){0,3}$|\bruled? out\b|\bnot the (?:cause|issue|problem|culprit)\b|\bisn'?t the "
                  r"(?:cause|issue|problem)\b|\beliminated\b|\bnothing wrong with\b|"
                  r"\bno (?:issues?|problems?) (?:with|on|in)\b|\bnot (?:a|an) (?:\w+ )?issue\b|"
                  r"\bcan rule\b|\bnot related\b|\bunrelated\b|\b(?:theory|idea|that)(?:'s| is) out\b"),
    ("waiting", r"\bwaiting (?:on|for)\b|\bawaiting\b|\bpending (?:approval|reply|response|callback)\b|"
                r"\bon hold\b|\bwaiting\b"),
    ("next_step", r"^(?:next|todo|to do|tbd|plan|then|aiming for|aim(?:ing)? to|target(?:ing)?)\b|"
                  r"^(?:if|unless)\b[^,;]{0,50}?\b(?:i'?m|i'll|i will|we'll|we will|we're)\s+(?!not\b)\w+|"  # "if not fixed I'm on site …"
                  r"^(?:i|we)(?:'ll| will| need to| have to|"
                  r"'m going to| are going to| should)\b|^(?:will|going to|gonna|need to|needs to|"
                  r"have to|should|must|tomorrow|after that|once)\b(?!\s+(?:be|have been|show|say|read)\b)|\bnext step\b|\bnext:|"
                  r"\bplan is\b|\bwill (?:call|check|test|try|schedule|follow|monitor|update|"
                  r"escalate|open|ask|review|replace|push|roll|confirm|send|re-?run|reach)\b|"
                  # "Raj will pull the logs", "he'll source the part", "also: add expiry monitoring"
                  r"^(?:he|she|they|[a-z]+)(?:'ll|\s+will)\s+(?!not\b|be\s+\w+ed\b)|"
                  r"^(?:he|she|they|[a-z]+)\s+(?:is|are)\s+(?:getting|going to|arranging|sorting|checking|calling|"
                  r"organi[sz]ing|asking|contacting|booking|chasing)\b|"
                  r"^(?:also\s*[:,-]?\s*)?(?:add|set up|schedule|order|quote|follow up|monitor|retest|re-test|"
                  r"review|swap|roll back|rebuild|re-?image|source|decide|get approval|chase)\s"),
    # "she can open it in owa meanwhile" is a workaround, not a test of the fix
    ("workaround", r"\bcan (?:still )?(?:open|use|print|log ?in|sign ?in|send|access|work)\b[^.;]*\b(?:meanwhile|"
                   r"in the meantime|for now|until (?:then|it'?s fixed|fixed))\b"),
    ("confirmation", r"\b(?:confirm(?:s|ed)?|verified|works now|working now|working again|"
                     r"back (?:up|online|to normal)|is working|are working|now working|came through|"
                     r"arrived|flowing|succeeded|successful|test (?:passed|ok|good)|all good|"
                     r"can (?:now )?(?:print|log ?in|sign ?in|connect|send|receive|access|open)|"
                     r"(?<!closing as )(?<!marking as )(?<!mark as )(?<!close as )(?<!calling it )(?<!closing it )(?<!calling this )resolved|fixed)\b"),
    ("action", r"^(?:as a (?:temporary|short-term|stopgap|quick) (?:measure|fix),?\s+|for now,?\s+)?"
               r"(?:i |we |i've |we've |i have |we have |just |also |then |so )?(?:now |also |just )?(?:re-\w+ed|re(?:added|enabled|installed|joined|started|booted|created|configured|issued|registered|enrolled|mapped|applied|assigned|connected|synced|imaged|paired|seated|licensed|activated|routed|pointed|linked)|reset|restarted|"
               r"rebooted|cleared|replaced|updated|upgraded|changed|modified|disabled|enabled|"
               r"removed|added|moved|exported|imported|renewed|recreated|rolled back|applied|"
               r"pushed|deployed|scoped|rejoined|flushed|called|emailed|left (?:a )?voicemail|"
               r"uninstalled|installed|patched|power[- ]cycled|swapped|set|created|deleted|"
               r"assigned|unassigned|granted|revoked|unblocked|blocked|whitelisted|allowed|"
               r"increased|decreased|extended|shortened|killed|stopped|started|repaired|"
               r"rolled|migrated|opened a case|opened a ticket|raised|logged a case|bumped|"
               r"cycled|forced|ran a repair|cleaned|purged|re-?enrolled|re-?issued|re-?ran|"
               r"reconfigured|rebuilt|restored|mapped|unmapped|joined|signed out|signed in|shut|"
               r"unplugged|disconnected|reconnected|reseated|wiped|isolated|quarantined|silenced|ordered|fitted|"
               r"recovered|separated|reserved|widened|swapped|put|sent|gave|made|ran a|rebuilt|turned (?:off|on)|"
               r"(?!(?:failed|expired|dropped|corrupted|denied|refused|locked|stopped|crashed|needed|used|based|"
               r"related|supposed|affected|expected|fixed|resolved|confirmed|verified|tested|checked)\b)[a-z]{3,}ed "
               r"(?:the|a|an|his|her|their|our|it|them|\w+'s)\b)\b"),
    ("check", r"^(?:i |we |i've |we've |just |also |then )?(?:checked|verified|ran|tested|"
              r"looked at|reviewed|pinged|traced|inspected|pulled|compared|queried|tried|"
              r"opened|confirmed|went through|dug into|viewed|searched)\b"),
    ("finding", r"\b(?:found|turns out|looks like|seems|appears|cause|culprit|the issue is|"
                r"problem is|because|due to|shows?|showing|reports?|error|errors|failed|failing|"
                r"fails|drop(?:ped|s)?|stuck|expired|expiring|full|blocked|missing|mismatch|"
                r"wrong|incorrect|corrupt(?:ed)?|offline|down|points? (?:to|at)|still|no change|"
                r"doesn'?t|don'?t|can'?t|cannot|won'?t|isn'?t|aren'?t|not|timing out|times out|"
                r"timeout|denied|refused|high|spik\w*|maxed|at \d+%|\d+% used|slow|traced)\b"),
]
# "X ok", "X looks good": a check whose result rules X out.
OK_RESULT = (r"^(?P<subject>(?!.*\b(?:so|because|but|and) (?:they|it|we|he|she)\b).{2,60}?)\s*(?:is |are |was |were |looks? |seems? |all |both )?"
             r"\b(?:ok|okay|fine|good|correct|clean|normal|healthy|unchanged|green|valid|"
             r"as expected|in place|present|current|up to date|not full|not expired|"
             r"not the cause|not the issue|not it|not blocked|not locked)\s*[.!]?$")
# Words in a finding that say we know the cause now.
CAUSE_WORDS = (r"\b(?:found it|found the|cause|culprit|root cause|turns out|traced (?:it )?to|"
               r"that'?s (?:it|the issue|the problem)|the issue is|problem is|because|due to)\b")
# Actions that only talk to people: they do not start implementing a fix.
COMMUNICATION = (r"^(?:i |we )?(?:called|emailed|left|texted|messaged|phoned|spoke|exported|opened a case|logged a case|raised|"
                 r"sent (?:him|her|them|the client|\w+) (?:the|a|an)\b|asked|requested|told)\b")
# Actions that did not help.
NO_CHANGE = r"\bno change\b|\bdidn'?t help\b|\bno (?:luck|difference|improvement)\b|\bstill\b|\bsame (?:issue|error|result)\b"
# Engineer text that is pasted material, not what the engineer did.
PASTED = (r"(?i)(?:ignore|disregard) (?:all |any |your |the )*(?:previous|prior|above|earlier) (?:instructions|rules)|"
          r"note (?:to|for) (?:the |any )?(?:ai|automated|assistant)\b|"
          r"\bautomated (?:systems?|assistants?|tools?|summari[sz]ers?) (?:processing|reading)\b|^\s*>|^(?:from|to|subject|"
          r"sent|cc):\s|pasted|customer (?:email|wrote)|forwarded message|"
          r"^\s*[\"“](?:dear|hi|hello|good (?:morning|afternoon))\b[^\"”]{80,}[\"”]")
# Where a time for the next update can be read from a next step.
WHEN = (r"\b(?:in \d+ ?(?:min(?:ute)?s?|hours?|hrs?)|at \d{1,2}(?::\d{2})?\s*(?:am|pm)?|"
        r"by (?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon|eod|end of day|tomorrow)|"
        r"tomorrow(?: morning| afternoon)?|this (?:morning|afternoon|evening)|tonight|"
        r"within (?:the hour|\d+ ?(?:min(?:ute)?s?|hours?))|"
        r"(?:on |by )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: (?:morning|afternoon|\d{1,2}(?::\d{2})?\s*(?:am|pm)?))?|"
        r"(?:on |by )?(?:tues|thurs|thur|weds|fri)\b|(?:till|until|after|before|around|by|at|eta)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)|"
        r"\d{1,2}(?::\d{2})?\s*(?:am|pm)|eta\s+~?\d+\s*(?:h|hrs?|hours?|min(?:ute)?s?|days?)|"
        r"(?:in|within)\s+\d+(?:-\d+)?\s+(?:business |working )?days)\b")
# A time in a note about the past ("TXT edited yesterday 4:12pm", "backup finished 2:14am") is not a plan.
PAST = (r"\b(?:yesterday|last (?:night|week|month|time)|ago|since|was|were|had|finished|completed|edited|changed|"
        r"switched|swapped|moved|replaced|installed|upgraded|migrated|"
        r"occurred|happened|started|began|logged|failed|ran|sent|received|came|went|kicked in|expired|broke|"
        r"auto-\w+ed|overnight at|"
        r"last (?:succ\w*|good|run|backup|ok|seen|sync\w*|contact|login|sign-?in))\b")

# How sure the engineer is of a cause, by the words they used (checked in this order).
CERTAINTY: list[tuple[str, str]] = [
    ("confirmed", r"\b(?:found it|found the (?:cause|problem|issue|culprit)|confirmed(?=\s*:)|cause is clear|confirmed(?: it'?s| it was| the cause)|"
                  r"confirms (?:the (?:cause|problem|issue|culprit)|it'?s|it was)|"
                  r"root cause|culprit|"
                  r"turns out|turned out|traced (?:it )?to|that'?s (?:it|why|the issue|the problem|the trigger)|definitely|"
                  r"the (?:issue|problem|cause) (?:is|was)|caused by|because|due to)\b"),
    ("likely", r"\b(?:prob|probably|most likely|likely|pretty sure|almost certainly|99%|smells like)\b"),
    ("suspected", r"\b(?:i think|think it'?s|suspect|might be|could be|may be|maybe|possibly|perhaps|"
                  r"looks like|seems like|my guess|guessing|not sure but|theory)\b"),
]
# What a theory the engineer moved on from is called ("first thought was …", "my initial assumption …").
THEORY_NOUNS = r"thought|suspect|guess|theory|idea|assumption|hunch"
# Words that open a cause statement and add nothing to the notes ("Found it: …", "confirmed: …").
CAUSE_PREFIX = (r"^(?:ok(?:ay)?,?\s*)?(?:(?:i(?:'m| am)\s+)?(?:prob(?:ably)?|pretty sure|i think|i suspect|suspect|def(?:initely)?|most likely|"
                r"likely|looks like|seems like|my guess is|maybe|possibly)\s+(?:it'?s\s+|its\s+|it is\s+|is\s+|that\s+|the cause is\s+)?|"
                r"found it|found the (?:cause|problem|issue|culprit)|confirmed(?=\s*:)|confirmed (?:it'?s|it was)|root cause|"
                r"(?:the )?cause is clear(?: anyway| now)?|(?:this|that|which)\s+confirms\s+the\s+(?:cause|problem|issue)|"
                r"culprit|turns out|so|yep|yes)\s*[:!,-]*\s*")
# A piece that is only the result of the previous one ("no change", "still failing", "ok").
RESULT_ONLY = (r"^(?:(?:so )?not (?:that|it)|no change|no luck|no difference|didn'?t help|did not help|same (?:issue|error|result)|fails|fail|"
               r"still (?:failing|broken|the same|down|not working|no good)|ok|okay|fine|works|worked|"
               r"all good|clean|nothing|none|no errors?|negative|passed|failed|same|timeout|timed out)"
               r"(?:,?\s*so not (?:the |a |an )?[\w' -]{1,30})?\.?$")
# What we ask the client to do ("karen: please ask the aide to unplug …", "pls have staff restart").
ASK = (r"^(?:[a-z][\w.' -]{0,30}:\s*)?(?:please|pls|plz|could you|can you|would you|kindly)\b|"
       r"^(?:also\s+)?(?:we\s+|i\s+)?(?:will\s+)?need (?:someone|somebody|you|them|the (?:client|office|staff)|"
       r"[A-Z]?[a-z]+) (?:from \w+ )?to (?!(?:check|run|test|look|confirm whether|replace|order)\b)")
# A way the client can keep working meanwhile.
WORKAROUND = (r"\b(?:workaround|(?:meanwhile|in the meantime|for now|until (?:then|it'?s fixed|tomorrow))\b"
              r"(?=.*\b(?:can|use|using|print|keep|work|switch|send|log|call|save)\b)|"
              r"temporarily|can still|can keep|can use|use (?:webmail|the web version|outlook on the web|"
              r"another|the other|the upstairs|the downstairs|a different)|print(?:ing)? to the)\b")
# The engineer states the fix was tested (only this counts as verification).
VERIFIED = (r"\b(?:verified|tested (?:ok|good|fine|working)|test (?:passed|ok|good|worked|email arrived|"
            r"print worked)|confirmed (?:working|it works|fixed|resolved|receipt|she|he|they)|"
            r"confirms(?=[^.;]{0,40}\b(?:works?|working|fixed|fine|ok|good|back|can|received|arrived|through|resolved|"
            r"sorted|got|gets|sees|has)\b)|"
            r"works now|working now|working again|back (?:up|online|to normal)|came through|arrived|"
            r"can (?:now )?(?:print|log ?in|sign ?in|connect|send|receive|access|open|scan|clock in)|"
            r"all good now|fixed now|(?<!closing as )(?<!marking as )(?<!mark as )(?<!close as )(?<!calling it )(?<!closing it )(?<!calling this )resolved)\b")
# "audit log: Set-TransportRule by admin yesterday": what was looked at, then what it showed.
LABELLED_RESULT = r"^(?P<subject>[A-Za-z][\w .'/()>&-]{1,40}?)(?<!\s[A-Za-z])\s*:\s+(?P<result>\S.*)$"  # not "the S: drive"
# A cause said by pointing back ("pretty sure that's it", "found it"): the cause is the fact before.
ANAPHORIC_CAUSE = (r"^(?:(?:ok|so|yeah|yep|and|i think|pretty sure|prob(?:ably)?|most likely|likely|def(?:initely)?)[,\s]+)*"
                   r"(?:that'?s (?:it|why|the (?:issue|problem|cause|culprit|trigger))|found it|this is it|there it is|bingo|"
                   r"(?:that )?was it)\b[!.]*")
# An engineer's answer to a client's question ("told her yes, …", "no, nothing to change", "they can keep …").
ANSWER = (r"^(?:-?>\s*)?(?:answer(?:ed)?\s*[:—–-]?\s*(?=\S)|told (?:her|him|them|\w+)\s*(?:that\s*)?[,:]?\s*|(?:i|we) (?:say|said)\s+)?"
          r"(?:yes|no(?!\s+(?:errors?|issues?|problems?|change|luck|reply|response|link|signal|power|"
          r"internet|more|longer|one|data|alerts?|faults?|warnings?|events?|entries|records?|sync)\b)|nope|yep|"
          r"nothing (?:to|needs)|the \w+ (?:ones? )?(?:won't|will|can't|can)|"
          r"(?:they|you|staff|everyone) (?:can|can't|cannot|don't|do not|need|needn't|should))\b")
# A closing summary that says the fix was not tested.
UNTESTED = (r"\b(?:not (?:yet )?tested|untested|no test (?:page|print|email|call|scan)?\s*(?:printed|sent|done|made)?|"
            r"no test|didn'?t (?:run a )?test|couldn'?t test|could not test|haven'?t tested|no time to test|"
            r"not verified|unverified|not (?:yet )?(?:checked|confirmed) (?:with|by)\b|can'?t check with)\b")
