#!/usr/bin/env python3
"""Writes the bad-input corpus: one JSON file per case, by category (see BadInputCorpusIT for the format).

The files are the corpus; this script is how they were written, kept so that a category can be extended in one
place. Run it from anywhere: python3 app-cli/src/test/resources/bad-input/generate.py
"""
import base64
import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CATEGORIES = ["prompts", "users", "ids", "numbers", "replay", "import", "settings", "gemini", "optimizer", "migrations"]


def rep(text, times):
    return {"repeat": text, "times": times}


def cps(*points):
    return {"codePoints": list(points)}


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


cases = {c: [] for c in CATEGORIES}


def case(category, about, args, exit_code, names, **extra):
    spec = {"about": about, "args": args, "exit": exit_code, "names": names}
    spec.update(extra)
    cases[category].append(spec)


# Prompts: blank, too short or long in code points, control and bidi characters, unpaired surrogates.
PROMPT = ["jobs", "create", "--user", "$USER", "--prompt"]
for about, prompt in [
    ("an empty prompt", ""),
    ("a prompt of one space", " "),
    ("a prompt of tabs", "\t\t"),
    ("a prompt of newlines", "\n\n\n"),
    ("a prompt of mixed blanks", " \t\n \r\n"),
    ("a prompt of one letter", "a"),
    ("a prompt of two code points", "ab"),
    ("a prompt of two emoji, four chars but two code points", "\U0001F30A\U0001F30A"),
    ("a prompt of 5,001 code points", rep("x", 5001)),
    ("a prompt of 5,001 emoji", rep("\U0001F30A", 5001)),
    ("a prompt of 10 MB", rep("0123456789", 1_000_000)),
    ("a prompt with NUL", ["Ocean", cps(0), "tides"]),
    ("a prompt with BEL", ["Ocean", cps(7), "tides"]),
    ("a prompt with ESC (a terminal escape)", ["Ocean ", cps(27), "[31mtides"]),
    ("a prompt with DEL", ["Ocean", cps(127), "tides"]),
    ("a prompt with a carriage return", "Ocean\rtides"),
    ("a prompt with a vertical tab", "Ocean\u000btides"),
    ("a prompt with a form feed", "Ocean\u000ctides"),
    ("a prompt with the C1 control NEL", ["Ocean", cps(0x85), "tides"]),
    ("a prompt with the C1 control CSI", ["Ocean", cps(0x9B), "tides"]),
    ("a prompt with a right-to-left override", ["Ocean ", cps(0x202E), "sedit"]),
    ("a prompt with a left-to-right override", ["Ocean ", cps(0x202D), "tides"]),
    ("a prompt with a right-to-left embedding", ["Ocean ", cps(0x202B), "tides"]),
    ("a prompt with a pop directional formatting", ["Ocean ", cps(0x202C), "tides"]),
    ("a prompt with a first-strong isolate", ["Ocean ", cps(0x2068), "tides"]),
    ("a prompt with a right-to-left isolate", ["Ocean ", cps(0x2067), "tides"]),
    ("a prompt with a lone high surrogate", ["Ocean ", cps(0xD83C), " tides"]),
    ("a prompt with a lone low surrogate", ["Ocean ", cps(0xDF0A), " tides"]),
    ("a prompt with a reversed surrogate pair", ["Ocean ", cps(0xDF0A, 0xD83C), " tides"]),
    ("a prompt ending in a lone high surrogate", ["Ocean tides ", cps(0xD83C)]),
]:
    case("prompts", about, PROMPT + [prompt], 2, "--prompt")

# Learner ids, on every command that takes one.
for command in [
    ["jobs", "create", "--prompt", "Ocean tides", "--user"],
    ["jobs", "list", "--user"],
    ["jobs", "show", "$OWNER_JOB", "--user"],
    ["review", "next", "--user"],
    ["stats", "--user"],
    ["fsrs", "optimize", "--save", "--user"],
    ["fsrs", "parameters", "--reset", "--user"],
]:
    name = " ".join(c for c in command if not c.startswith("$") and c != "Ocean tides")
    for about, user in [
        ("an empty learner", ""),
        ("a blank learner", "   "),
        ("a learner of 201 characters", rep("u", 201)),
        ("a learner with NUL", ["ann", cps(0), "x"]),
        ("a learner with an escape", ["ann", cps(27), "[2J"]),
        ("a learner with a lone surrogate", ["ann", cps(0xD800)]),
        ("a learner with spaces around", " ann "),
    ]:
        case("users", about + " (" + name + ")", command + [user], 2, "userId")

# Ids: malformed, another learner's, gone.
for about, job, code, names in [
    ("a job id that is not a UUID", "not-a-uuid", 2, "jobId"),
    ("a job id of digits", "12345", 2, "jobId"),
    ("a job id with a suffix", "$OWNER_JOB-x", 2, "jobId"),
    ("a job id with NUL", ["$UUID", cps(0)], 2, "jobId"),
    ("a job id of 10,000 characters", rep("a", 10000), 2, "jobId"),
    ("a job id with spaces around (forgiven, then not found)", " $UUID ", 3, "not found"),
    ("another learner's job", "$OWNER_JOB", 3, "not found"),
    ("a deleted job", "$DELETED_JOB", 3, "not found"),
    ("a job that never was", "$UUID", 3, "not found"),
]:
    case("ids", about + " (show)", ["jobs", "show", job, "--user", "$USER"], code, names)
    case("ids", about + " (cancel)", ["jobs", "cancel", job, "--user", "$USER"], code, names)
    case("ids", about + " (retry)", ["jobs", "retry", job, "--user", "$USER"], code, names)
case("ids", "the owner's deleted job (show)", ["jobs", "show", "$DELETED_JOB", "--user", "$OWNER"], 3, "not found")
case("ids", "the owner's deleted job (cancel)", ["jobs", "cancel", "$DELETED_JOB", "--user", "$OWNER"], 3, "not found")
ANSWER = ["review", "answer", "--answer", "1"]
for about, user, concept, phrasing, code, names in [
    ("a concept id that is not a UUID", "$USER", "x", "$OWNER_PHRASING", 2, "conceptId"),
    ("a phrasing id that is not a UUID", "$OWNER", "$OWNER_CONCEPT", "x", 2, "phrasingId"),
    ("a concept id with NUL", "$OWNER", ["$OWNER_CONCEPT", cps(0)], "$OWNER_PHRASING", 2, "conceptId"),
    ("a phrasing id of 10,000 characters", "$OWNER", "$OWNER_CONCEPT", rep("f", 10000), 2, "phrasingId"),
    ("another learner's concept and phrasing", "$USER", "$OWNER_CONCEPT", "$OWNER_PHRASING", 3, "not found"),
    ("a deleted concept", "$OWNER", "$DELETED_CONCEPT", "$OWNER_PHRASING", 3, "not found"),
    ("a deleted phrasing", "$OWNER", "$DELETED_CONCEPT", "$DELETED_PHRASING", 3, "not found"),
    ("a phrasing of another concept", "$OWNER", "$OWNER_CONCEPT", "$DELETED_PHRASING", 3, "not found"),
    ("a concept that never was", "$OWNER", "$UUID", "$OWNER_PHRASING", 3, "not found"),
]:
    case("ids", about + " (answer)",
         ANSWER + ["--user", user, "--concept", concept, "--phrasing", phrasing], code, names)
for about, answer, names in [
    ("an empty answer", "", "--answer"),
    ("a blank answer", "   ", "--answer"),
    ("an option number past the last", "9", "there is no option 9"),
    ("option zero", "0", "there is no option 0"),
    ("an answer of 10,001 characters", rep("a", 10001), "answer"),
    ("an answer with a lone surrogate", ["True", cps(0xDC00)], "answer"),
    ("an answer with NUL", ["True", cps(0)], "answer"),
]:
    case("ids", about, ["review", "answer", "--user", "$OWNER", "--concept", "$OWNER_CONCEPT",
                        "--phrasing", "$OWNER_PHRASING", "--answer", answer], 2, names)
for about, cursor in [("a cursor that is not one", "garbage"), ("a cursor of base64 junk", "AAAA"),
                      ("an empty cursor", ""), ("a cursor with NUL", ["c", cps(0)])]:
    case("ids", about, ["jobs", "list", "--user", "$USER", "--cursor", cursor], 2, "cursor")

# Numbers: negative, zero, overflowing, not numbers at all.
OWNED = ["review", "answer", "--user", "$OWNER", "--concept", "$OWNER_CONCEPT", "--phrasing", "$OWNER_PHRASING",
         "--answer", "1"]
for option, values in [
    (["jobs", "list", "--user", "$USER", "--limit"], ["-1", "0", "99999999999", "NaN", "1e3", "ten"]),
    (["quiz", "--user", "$USER", "--limit"], ["0", "-5", "1001", "abc", "99999999999"]),
    (OWNED + ["--rating"], ["0", "5", "-1", "2.5", "abc", "99999999999"]),
    (OWNED + ["--time-ms"], ["-1", "abc", "99999999999", "NaN"]),
    (["jobs", "stats", "--since"], ["0s", "-1h", "abc", "400d", "9999999d", "1y"]),
    (["migrate", "run", "remove-field", "--batch-size"], ["0", "-1", "10001", "abc"]),
]:
    flag = option[-1]
    for value in values:
        # The option as typed (picocli's complaint) or the field it fills (the use case's) both contain this.
        names = {"--limit": "limit", "--rating": "rating", "--time-ms": "time", "--since": "--since",
                 "--batch-size": "batch"}[flag]
        case("numbers", flag + " " + value + " (" + option[0] + " " + option[1] + ")", option + [value], 2, names)

# Migration runs: their scope, pace and steering.
RUN = ["migrate", "run", "remove-field"]
for option, value, names in [
    ("--target-batch-ms", "0", "--target-batch-ms"),
    ("--target-batch-ms", "9", "--target-batch-ms"),
    ("--target-batch-ms", "60001", "--target-batch-ms"),
    ("--target-batch-ms", "abc", "--target-batch-ms"),
    ("--created-from", "yesterday", "--created-from"),
    ("--created-from", "2024-13", "--created-from"),
    ("--created-to", "2024-02-30", "--created-to"),
    ("--created-to", "", "--created-to"),
    ("--from-key", "", "--from-key"),
    ("--from-key", rep("k", 513), "--from-key"),
    ("--to-key", ["k", cps(0)], "--to-key"),
]:
    case("migrations", option + " " + (value if isinstance(value, str) and len(value) < 20 else "(odd)"),
         RUN + [option, value], 2, names)
case("migrations", "keys out of order", RUN + ["--from-key", "b", "--to-key", "a"], 2, "--from-key")
case("migrations", "months out of order", RUN + ["--created-from", "2024-02", "--created-to", "2024-01"], 2,
     "--created-from")
for verb in ["pause", "cancel", "resume"]:
    case("migrations", verb + " of a run id that is not one", ["migrate", verb, "not-a-uuid"], 2, "RUN")
    case("migrations", verb + " of a run that never was", ["migrate", verb, "$UUID"], 3, "No migration run")
case("migrations", "the coverage of a migration that does not exist", ["migrate", "coverage", "no-such"], 3,
     "No migration named")

# fsrs replay: its JSON on stdin.
START = '"start":"2024-01-01T00:00:00Z"'
for about, stdin, names in [
    ("no input at all", "", "stdin is empty"),
    ("input that is not JSON", "reviews please", "JSON"),
    ("a truncated document", '{"start":"2024-01-01T00:00:00Z","reviews":[{"rating":3', "JSON"),
    ("a number instead of a document", "42", "must be an object"),
    ("an array of numbers", "[1, 2]", "[0]"),
    ("a document without start", '{"reviews":[]}', "start"),
    ("a start that is not a time", '{"start":"yesterday","reviews":[]}', "start"),
    ("a start that is a number", '{"start":1704067200000,"reviews":[]}', "start"),
    ("reviews that are not an array", "{" + START + ',"reviews":{}}', "reviews"),
    ("a review that is not an object", "{" + START + ',"reviews":[3]}', "reviews[0]"),
    ("a rating of 0", "{" + START + ',"reviews":[{"rating":0,"at":"2024-01-02T00:00:00Z"}]}', "rating"),
    ("a rating of 5", "{" + START + ',"reviews":[{"rating":5,"at":"2024-01-02T00:00:00Z"}]}', "rating"),
    ("a rating as text", "{" + START + ',"reviews":[{"rating":"3","at":"2024-01-02T00:00:00Z"}]}', "rating"),
    ("a fractional rating", "{" + START + ',"reviews":[{"rating":2.5,"at":"2024-01-02T00:00:00Z"}]}', "rating"),
    ("a review without its time", "{" + START + ',"reviews":[{"rating":3}]}', "at"),
    ("a review time that is not a time", "{" + START + ',"reviews":[{"rating":3,"at":"soon"}]}', "at"),
    ("reviews out of order", "{" + START + ',"reviews":[{"rating":3,"at":"2024-01-05T00:00:00Z"},'
     '{"rating":3,"at":"2024-01-02T00:00:00Z"}]}', "reviews[1]"),
    ("a review before the start", "{" + START + ',"reviews":[{"rating":3,"at":"2023-12-31T00:00:00Z"}]}',
     "reviews[0]"),
    ("weights of the wrong length", '{"params":{"w":[1,2,3]},' + START + ',"reviews":[]}', "w must have"),
    ("weights that are text", '{"params":{"w":"defaults"},' + START + ',"reviews":[]}', "params.w"),
    ("a retention of 0", '{"params":{"request_retention":0},' + START + ',"reviews":[]}', "requestRetention"),
    ("a retention of 1.5", '{"params":{"request_retention":1.5},' + START + ',"reviews":[]}', "requestRetention"),
    ("a maximum interval of 0", '{"params":{"maximum_interval":0},' + START + ',"reviews":[]}', "maximumInterval"),
    ("a learning step that is not one", '{"params":{"learning_steps":["soon"]},' + START + ',"reviews":[]}',
     "learning_steps[0]"),
    ("an unknown parameter", '{"params":{"retention":0.9},' + START + ',"reviews":[]}', "params.retention"),
    ("a document nested 100,000 deep", rep("[", 100000), "JSON"),
    ("an object nested 5,000 deep", [rep('{"a":', 5000), "1", rep("}", 5000)], "JSON"),
    ("100,001 reviews", ["{" + START + ',"reviews":[', rep('{"rating":3,"at":"2024-01-02T00:00:00Z"},', 100000),
                         '{"rating":3,"at":"2024-01-02T00:00:00Z"}]}'], "reviews"),
    ("10,001 documents", ["[", rep("{" + START + ',"reviews":[]},', 10000), "{" + START + ',"reviews":[]}]'],
     "documents"),
]:
    case("replay", about, ["fsrs", "replay"], 2, names, stdin=stdin, database=False)
for about, data in [
    ("invalid UTF-8 in the input", b'{"start":"2024-01-01T00:00:00Z","reviews":[],"x":"\xff\xfe"}'),
    ("a UTF-16 byte order mark and text", b"\xfe\xff\x00{"),
]:
    case("replay", about, ["fsrs", "replay"], 2, "JSON", stdinBase64=base64.b64encode(data).decode(),
         database=False)
# Jackson reads an overlong encoding as the character it spells; the value is then refused for what it is.
case("replay", "a UTF-8 overlong encoding", ["fsrs", "replay"], 2, "start",
     stdinBase64=base64.b64encode(b'{"start":"\xc0\xaf2024-01-01T00:00:00Z","reviews":[]}').decode(),
     database=False)

# Convex import: files written under $FILES, a directory with one folder per table.
DOC = '{"_id":"%s","_creationTime":1700000000000,"question":"Q?"}'
for about, lines, names in [
    ("a truncated line", ['{"_id":"a1","_creationTime":17'], "line 1"),
    ("a line that is not JSON", ["question: what?"], "line 1"),
    ("an array instead of a document", ['["a1", 1700000000000]'], "line 1"),
    ("a document without _id", ['{"_creationTime":1700000000000}'], "line 1"),
    ("an _id that is a number", ['{"_id":7,"_creationTime":1700000000000}'], "line 1"),
    ("an empty _id", ['{"_id":"","_creationTime":1700000000000}'], "line 1"),
    ("an _id of 1,000 characters", ['{"_id":"' + "i" * 1000 + '","_creationTime":1700000000000}'], "line 1"),
    ("a _creationTime that is text", ['{"_id":"a1","_creationTime":"yesterday"}'], "line 1"),
    ("a document with NUL escaped in it", ['{"_id":"a1","_creationTime":1,"q":"x\\u0000y"}'], "line 1"),
    ("a document with a lone surrogate escaped", ['{"_id":"a1","_creationTime":1,"q":"\\ud800"}'], "line 1"),
    ("a line of 5 MB", [{"repeat": "x", "times": 5_000_000}], "line 1"),
    ("a document of 5 MB", [['{"_id":"a1","_creationTime":1,"q":"', {"repeat": "x", "times": 5_000_000}, '"}']],
     "line 1"),
    ("a document nested 5,000 deep", [['{"_id":"a1","_creationTime":1,"q":', {"repeat": "[", "times": 5000},
                                       {"repeat": "]", "times": 5000}, "}"]], "line 1"),
    ("two malformed lines", ["{", "}"], "line 2"),
]:
    case("import", about, ["import", "convex-export", "$FILES"], 0, names,
         files={"cards/documents.jsonl": [[line, "\n"] for line in lines]}, stream="out")
case("import", "a table name with a space", ["import", "convex-export", "$FILES"], 0, "table name is not an identifier",
     files={"my cards/documents.jsonl": DOC % "a1" + "\n"}, stream="out")
case("import", "a table name with a quote", ["import", "convex-export", "$FILES"], 0, "table name is not an identifier",
     files={"cards'--/documents.jsonl": DOC % "a1" + "\n"}, stream="out")
case("import", "a path that does not exist", ["import", "convex-export", "$FILES/none"], 2, "$FILES/none")
case("import", "a file that is not a ZIP", ["import", "convex-export", "$FILES/cards.zip"], 2, "ZIP",
     files={"cards.zip": "not a zip"})
case("import", "a ZIP with a truncated body", ["import", "convex-export", "$FILES/cards.zip"], 2, "ZIP",
     filesBase64={"cards.zip": base64.b64encode(b"PK\x03\x04\x14\x00\x00\x00\x08\x00").decode()})
case("import", "a duplicate _id in one table", ["import", "convex-export", "$FILES"], 0, "1 already present",
     files={"cards/documents.jsonl": DOC % "d1" + "\n" + DOC % "d1" + "\n"}, stream="out", writes=True)

# Settings: variables and options, checked before anything runs.
CREATE = ["jobs", "create", "--user", "$USER", "--prompt", "Ocean tides"]
for variable, values in [
    ("RECOLLECT_JOBS_MAX_ACTIVE", ["0", "-1", "10001", "three", "3.5"]),
    ("RECOLLECT_JOBS_RATE_LIMIT", ["abc", "0/1h", "5", "5/", "5/xh", "-5/1h", "99999999/1h"]),
    ("RECOLLECT_JOBS_RETENTION_COMPLETED", ["abc", "-1d", "7", "0.5d"]),
    ("RECOLLECT_JOBS_RETENTION_FAILED", ["forever"]),
    ("RECOLLECT_JOBS_RETENTION_CANCELLED", ["1w"]),
    ("RECOLLECT_JOBS_LEASE", ["0s", "500ms", "abc"]),
    ("RECOLLECT_JOBS_HEARTBEAT", ["30s", "1h"]),
    ("RECOLLECT_JOBS_MAX_ATTEMPTS", ["0", "11"]),
    ("RECOLLECT_JOBS_MAX_RESCUES", ["0", "1001"]),
    ("RECOLLECT_JOBS_CONCURRENCY", ["0", "17"]),
    ("RECOLLECT_JOBS_HOUSEKEEPING_EVERY", ["often", "-1m"]),
]:
    for value in values:
        case("settings", variable + "=" + value, CREATE, 2, variable, env={variable: value})
for option, value in [("--max-active", "0"), ("--lease", "abc"), ("--heartbeat", "1h"), ("--max-attempts", "0"),
                      ("--rate-limit", "fast"), ("--retention-failed", "-3d")]:
    case("settings", option + " " + value, ["jobs", "settings", option, value], 2, option)
NEXT = ["review", "next", "--user", "$USER"]
for variable, values in [
    ("RECOLLECT_FSRS_RETENTION", ["0", "1.5", "ninety", "NaN"]),
    ("RECOLLECT_FSRS_MAXIMUM_INTERVAL", ["0", "-1", "forever"]),
    ("RECOLLECT_FSRS_FUZZ", ["maybe"]),
    ("RECOLLECT_FSRS_SHORT_TERM", ["2"]),
    ("RECOLLECT_FSRS_LEARNING_STEPS", ["1m,soon", "1s"]),
    ("RECOLLECT_FSRS_RELEARNING_STEPS", ["ten"]),
]:
    for value in values:
        case("settings", variable + "=" + value, NEXT, 2, variable, env={variable: value})
OWNER_JOB = ["jobs", "show", "$OWNER_JOB", "--user", "$OWNER"]
for value in ["gemini=cheap", "gemini", "=1/2", "gemini=-1/2", "gemini=1/2,gemini=3"]:
    case("settings", "RECOLLECT_PRICES=" + value, OWNER_JOB, 2, "RECOLLECT_PRICES", env={"RECOLLECT_PRICES": value})
WORK = ["jobs", "work", "--until-idle", "--provider", "gemini"]
for env, names in [
    ({"GEMINI_API_KEY": "k", "GEMINI_BASE_URL": "ftp://example.invalid/"}, "baseUrl"),
    ({"GEMINI_API_KEY": "k", "GEMINI_BASE_URL": "not a url"}, "baseUrl"),
    ({"GEMINI_API_KEY": "   "}, "GEMINI_API_KEY"),
]:
    case("settings", "Gemini settings " + json.dumps(env), WORK, 2, names, env=env)


# Gemini's answers: what the fake server returns for a call, and how the job must end. A part left out is answered
# well (FakeGemini). The worker runs with GEMINI_MAX_ATTEMPTS=2 and RECOLLECT_JOBS_MAX_ATTEMPTS=2, so that retries
# happen and end soon.
def candidate(text, finish="STOP"):
    return json.dumps({"candidates": [{"content": {"parts": [{"text": text}], "role": "model"},
                                       "finishReason": finish, "index": 0}]})


def concepts_text(items):
    return json.dumps({"concepts": items})


def phrasings_text(items):
    return json.dumps({"phrasings": items})


GOOD_CONCEPT = {"title": "Tidal forces", "description": "The moon pulls the oceans.", "whyItMatters": "Tides."}


def phrasing(question="Is the tide pulled by the moon, as the text says?", options=("True", "False"),
             answer="True", kind="true-false"):
    return {"question": question, "explanation": "Because the moon pulls the water.", "type": kind,
            "options": list(options), "correctAnswer": answer}


def gemini(about, job, concepts=None, phrasings=None, exit_code=0):
    spec = {"about": about, "job": job, "exit": exit_code}
    if concepts is not None:
        spec["concepts"] = concepts
    if phrasings is not None:
        spec["phrasings"] = phrasings
    cases["gemini"].append(spec)


def failed(code, saved_at_most=0):
    return {"status": "failed", "errorCode": code, "savedAtMost": saved_at_most}


def answer(body, status=200, content_type="application/json"):
    return {"status": status, "body": body, "type": content_type}


def stream(*events, status=200):
    return {"status": status, "events": list(events)}


SCHEMA = failed("SCHEMA_VALIDATION")
gemini("an answer without candidates", SCHEMA, concepts=answer("{}"))
gemini("an empty list of candidates", SCHEMA, concepts=answer('{"candidates": []}'))
gemini("a candidate without content", SCHEMA, concepts=answer('{"candidates": [{"finishReason": "STOP"}]}'))
gemini("candidates that are a string", SCHEMA, concepts=answer('{"candidates": "none"}'))
gemini("a text that is prose, not JSON", SCHEMA, concepts=answer(candidate("Here are some concepts about tides!")))
gemini("a document without the concepts array", SCHEMA, concepts=answer(candidate('{"ideas": []}')))
gemini("concepts that are an object", SCHEMA, concepts=answer(candidate('{"concepts": {}}')))
gemini("an empty concepts array", SCHEMA, concepts=answer(candidate('{"concepts": []}')))
gemini("concepts whose titles are numbers", SCHEMA,
       concepts=answer(candidate(concepts_text([{"title": 7, "description": "x", "whyItMatters": "y"}]))))
gemini("concepts without titles", SCHEMA,
       concepts=answer(candidate(concepts_text([{"description": "x", "whyItMatters": "y"}] * 3))))
gemini("a concept title of 10,000 characters", SCHEMA,
       concepts=answer(candidate(concepts_text([{"title": "t" * 10000, "description": "x", "whyItMatters": "y"}]))))
gemini("a concept answer cut mid-object that says STOP", SCHEMA,
       concepts=answer(candidate(concepts_text([GOOD_CONCEPT])[:-20] + "}}]")))
gemini("a JSON bomb: 100,000 nested arrays", SCHEMA, concepts=answer("[" * 100000))
gemini("an HTML error page with 200", SCHEMA,
       concepts=answer("<html><body><h1>Service error</h1></body></html>", content_type="text/html"))
gemini("a 200 whose body is an error", failed("NETWORK"),
       concepts=answer('{"error": {"code": 500, "message": "internal", "status": "INTERNAL"}}'))
gemini("an HTML error page with 502", failed("NETWORK"),
       concepts=answer("<html><body>Bad gateway</body></html>", status=502, content_type="text/html"))
gemini("a 400 that says the key is invalid", failed("API_KEY"), exit_code=2,
       concepts=answer('{"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "API key not valid.",'
                       ' "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",'
                       ' "reason": "API_KEY_INVALID"}]}}', status=400))
gemini("a 429 with a daily quota", failed("RATE_LIMIT"),
       concepts=answer('{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota exceeded per day"}}',
                       status=429))
gemini("output blocked for safety", failed("CONTENT_BLOCKED"),
       concepts=answer(candidate('{"concepts": [', finish="SAFETY")))
gemini("usage metadata of the wrong types", {"status": "completed", "savedAtLeast": 1},
       concepts=answer(json.dumps({"candidates": json.loads(candidate(concepts_text([GOOD_CONCEPT])))["candidates"],
                                   "usageMetadata": {"promptTokenCount": "lots", "totalTokenCount": -5}})))
gemini("a finish reason that is a number", {"status": "completed", "savedAtLeast": 1},
       concepts=answer(candidate(concepts_text([GOOD_CONCEPT]), finish=7)))
ONE_CONCEPT = answer(candidate(concepts_text([GOOD_CONCEPT])))
gemini("phrasings whose options do not hold the answer", SCHEMA, concepts=ONE_CONCEPT,
       phrasings=stream(candidate(phrasings_text([phrasing(answer="Maybe")] * 4))))
gemini("phrasings of an unknown type", SCHEMA, concepts=ONE_CONCEPT,
       phrasings=stream(candidate(phrasings_text([phrasing(kind="essay")] * 4))))
gemini("phrasings with one option", SCHEMA, concepts=ONE_CONCEPT,
       phrasings=stream(candidate(phrasings_text([phrasing(options=("True",))] * 4))))
gemini("phrasings whose fields are numbers", SCHEMA, concepts=ONE_CONCEPT,
       phrasings=stream(candidate(json.dumps({"phrasings": [{"question": 1, "options": 2, "correctAnswer": 3}]}))))
gemini("1,000 phrasings in one answer", {"status": "completed", "savedAtLeast": 1, "savedAtMost": 8},
       concepts=ONE_CONCEPT,
       phrasings=stream(candidate(phrasings_text([phrasing(question="Question number %d about the tides, right?" % i)
                                                  for i in range(1000)]))))
gemini("a stream event that is not JSON", SCHEMA, concepts=ONE_CONCEPT, phrasings=stream("this is not json"))
gemini("a phrasing stream cut mid-object that says STOP",
       {"status": "failed", "errorCode": "SCHEMA_VALIDATION", "savedAtLeast": 1, "savedAtMost": 1},
       concepts=ONE_CONCEPT,
       phrasings=stream(candidate(phrasings_text([phrasing(), phrasing(question="A second question, in full?")])[:-40]
                                  + "}}]")))
gemini("a stream with no events", SCHEMA, concepts=ONE_CONCEPT, phrasings=stream())
gemini("an error event in the stream", failed("NETWORK"), concepts=ONE_CONCEPT,
       phrasings=stream('{"error": {"code": 500, "message": "internal", "status": "INTERNAL"}}'))
gemini("an HTML page instead of the stream", failed("NETWORK"), concepts=ONE_CONCEPT,
       phrasings={"status": 503, "body": "<html>Unavailable</html>", "type": "text/html"})
gemini("a stream blocked for recitation", failed("CONTENT_BLOCKED"), concepts=ONE_CONCEPT,
       phrasings=stream(candidate('{"phrasings": [', finish="RECITATION")))
gemini("a stream cut at the token limit", {"status": "failed", "errorCode": "SCHEMA_VALIDATION", "savedAtLeast": 1},
       concepts=ONE_CONCEPT,
       phrasings=stream(candidate(phrasings_text([phrasing(), phrasing(question="A second question, in full?")])[:-40],
                                  finish="MAX_TOKENS")))


# The optimizer: revlog CSVs, JSON histories on stdin, settings and parameters (fsrs optimize, fsrs evaluate).
HEADER = "card_id,review_time,review_rating,review_state,review_duration"
GOOD_ROWS = "1,1700000000000,3,0,5000\n1,1700090000000,3,2,4000\n"
for about, text, names in [
    ("a header without review_duration", "card_id,review_time,review_rating,review_state\n1,1700000000000,3,0\n",
     "line 1: the header lacks the column review_duration"),
    ("a header without card_id", "review_time,review_rating,review_state,review_duration\n", "lacks the column card_id"),
    ("a header of other columns", "id,time,rating\n1,2,3\n", "line 1: the header lacks the column card_id"),
    ("a rating of 0", HEADER + "\n1,1700000000000,0,4,0\n", "line 2: review_rating must be 1 to 4, got 0"),
    ("a rating of 5", HEADER + "\n" + GOOD_ROWS + "1,1700190000000,5,2,1\n", "line 4: review_rating must be 1 to 4"),
    ("a negative rating", HEADER + "\n1,1700000000000,-1,0,1\n", "line 2: review_rating must be 1 to 4, got -1"),
    ("a card's rows out of time order", HEADER + "\n1,1700090000000,3,0,1\n1,1700000000000,3,2,1\n",
     "line 3: card 1 was reviewed at 1700000000000, before its previous row"),
    ("a time that is a date", HEADER + "\n1,2023-11-14,3,0,1\n", "line 2: review_time must be a whole number"),
    ("a time with a fraction", HEADER + "\n1,1700000000000.5,3,0,1\n", "line 2: review_time must be a whole number"),
    ("a rating that is a word", HEADER + "\n1,1700000000000,good,0,1\n", "line 2: review_rating must be a whole number"),
    ("a state that is empty", HEADER + "\n1,1700000000000,3,,1\n", "line 2: review_state must be a whole number"),
    ("a duration that overflows", HEADER + "\n1,1700000000000,3,0,99999999999999999999\n",
     "line 2: review_duration must be a whole number"),
    ("a row cut short", HEADER + "\n1,1700000000000\n", "line 2: the row has no review_rating"),
    ("an empty card id", HEADER + "\n,1700000000000,3,0,1\n", "line 2: card_id is empty"),
    ("a header and nothing else", HEADER + "\n", "the file has a header but no reviews"),
    ("an empty file", "", "the file is empty"),
    ("one review per card only", HEADER + "\n1,1700000000000,3,0,1\n2,1700000000000,3,0,1\n",
     "no review came a day or more after"),
    ("cards never learned", HEADER + "\n1,1700000000000,3,2,1\n1,1700090000000,3,2,1\n",
     "no review came a day or more after"),
]:
    case("optimizer", about, ["fsrs", "optimize", "--input", "$FILES/revlog.csv"], 2, names,
         files={"revlog.csv": text}, database=False)
case("optimizer", "a file that does not exist", ["fsrs", "optimize", "--input", "$FILES/missing.csv"], 2,
     "no such file", database=False)
for about, option, value, names in [
    ("a time zone that does not exist", "--timezone", "Mars/Olympus", "--timezone: not a time zone: Mars/Olympus"),
    ("a time zone that is a number", "--timezone", "8", "--timezone: not a time zone: 8"),
    ("an hour of 24", "--next-day-starts-at", "24", "--next-day-starts-at: an hour from 0 to 23, got 24"),
    ("a negative hour", "--next-day-starts-at", "-1", "--next-day-starts-at: an hour from 0 to 23, got -1"),
]:
    case("optimizer", about, ["fsrs", "optimize", "--input", "$FILES/revlog.csv", option, value], 2, names,
         files={"revlog.csv": HEADER + "\n" + GOOD_ROWS}, database=False)
case("optimizer", "an hour that is a word", ["fsrs", "optimize", "--next-day-starts-at", "four"], 2,
     "--next-day-starts-at", database=False)
for about, stdin, names in [
    ("JSON histories that are not JSON", "[[{", "stdin: not valid JSON"),
    ("JSON histories that are an object", '{"rating": 3}', "expected a non-empty array of cards"),
    ("no JSON histories at all", "", "expected a non-empty array of cards"),
    ("an empty array of cards", "[]", "expected a non-empty array of cards"),
    ("a card that is not an array", '[{"rating": 3, "delta_t": 0}]', "[0]: a card is a non-empty array of reviews"),
    ("a card without reviews", "[[]]", "[0]: a card is a non-empty array of reviews"),
    ("a review without a rating", '[[{"delta_t": 0}]]', "[0][0]: rating must be a whole number"),
    ("a rating of 9", '[[{"rating": 9, "delta_t": 0}]]', "[0][0]: rating must be 1 to 4, got 9"),
    ("a rating with a fraction", '[[{"rating": 2.5, "delta_t": 0}]]', "[0][0]: rating must be a whole number"),
    ("a rating that is a string", '[[{"rating": "3", "delta_t": 0}]]', "[0][0]: rating must be a whole number"),
    ("a first review days after nothing", '[[{"rating": 3, "delta_t": 2}]]',
     "[0][0]: delta_t must be 0 for a card's first review"),
    ("a negative interval", '[[{"rating": 3, "delta_t": 0}, {"rating": 3, "delta_t": -2}]]',
     "[0][1]: delta_t must be 0 for a card's first review and 0 or more after, got -2"),
    ("only same-day reviews", '[[{"rating": 3, "delta_t": 0}, {"rating": 3, "delta_t": 0}]]',
     "no review came a day or more after"),
]:
    case("optimizer", about, ["fsrs", "optimize"], 2, names, stdin=stdin, database=False)
for about, parameters, names in [
    ("parameters that are not JSON", "[0.2,", "--parameters: not a JSON array"),
    ("twenty parameters", "[" + ",".join(["1"] * 20) + "]", "--parameters: expected a JSON array of the 21"),
    ("parameters as an object", '{"w": [1]}', "--parameters: expected a JSON array of the 21"),
    ("a parameter that is a string", '["0.2"' + ",1" * 20 + "]", "--parameters[0]: must be a finite number"),
]:
    case("optimizer", about, ["fsrs", "evaluate", "--parameters", parameters, "--input", "$FILES/revlog.csv"], 2,
         names, files={"revlog.csv": HEADER + "\n" + GOOD_ROWS}, database=False)
case("optimizer", "evaluate without parameters", ["fsrs", "evaluate", "--input", "$FILES/revlog.csv"], 2,
     "--parameters", files={"revlog.csv": HEADER + "\n" + GOOD_ROWS}, database=False)

# A learner's own parameters: options that cannot go with the database, or that count no day.
for about, args, names in [
    ("a learner and a file at once", ["--user", "$USER", "--input", "$FILES/revlog.csv"],
     "--input and --user are two sources: give one"),
    ("a learner's time zone that does not exist", ["--user", "$USER", "--timezone", "Mars/Olympus", "--save"],
     "--timezone: not a time zone: Mars/Olympus"),
    ("a learner's hour of 24", ["--user", "$USER", "--next-day-starts-at", "24", "--save"],
     "--next-day-starts-at: an hour from 0 to 23, got 24"),
]:
    case("optimizer", about, ["fsrs", "optimize"] + args, 2, names, files={"revlog.csv": HEADER + "\n" + GOOD_ROWS})
case("optimizer", "saving without a learner", ["fsrs", "optimize", "--save"], 2,
     "--save saves a learner's parameters: it needs --user", stdin="[]", database=False)
case("optimizer", "parameters without a learner", ["fsrs", "parameters", "--reset"], 2, "--user")


def write():
    for category in CATEGORIES:
        folder = os.path.join(HERE, category)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        seen = set()
        for number, spec in enumerate(cases[category], 1):
            name = "%03d-%s" % (number, slug(spec["about"]))
            assert name not in seen, name
            seen.add(name)
            with open(os.path.join(folder, name + ".json"), "w", encoding="utf-8") as out:
                json.dump(spec, out, indent=2, ensure_ascii=True)
                out.write("\n")
    total = sum(len(v) for v in cases.values())
    print(total, {c: len(v) for c, v in cases.items()})


write()
