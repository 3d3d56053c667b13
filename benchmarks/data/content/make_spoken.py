"""Regenerate the machine-transcribed `spoken` answers of answers.yaml (ids ending in `-spoken-tts`).

Each answer below was written in a spoken style (fillers, restarts), rendered to a WAV with the app's own
TTS voice (app.speech.tts.SpeechSynthesizer: pyttsx3 / eSpeak NG), decoded with
app.capture.audio_file.decode_audio at 16 kHz, and transcribed with the app's Whisper transcriber
(make_transcriber("whisper"), the bundled tiny.en model). The transcript, not the written source, is the
answer text, so recognition errors are real ones. The labels were set by reading the transcript: check
them again if the voice or the model changes and the words come out differently.

The rate is 150 words per minute: at 175, tiny.en lost most of three of the ten answers (it emitted a
zero-length word stamped at the end of the 30 s window and skipped everything after it; the voice guard
was not involved), which would have made "strong" answers empty. The script prints the written and
transcribed word counts so such a loss shows.

Usage (slow: one synthesis and one transcription per answer, about a minute in all on two cores):

    uv run python benchmarks/data/content/make_spoken.py --out /tmp/spoken_tts.yaml

then replace the `-spoken-tts` entries in answers.yaml with the fragment (`--held-back` and `--held-back-2`
give those of held_back.yaml and held_back_2.yaml instead). Needs espeak-ng installed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Spoken:
    id: str
    question_id: str
    split: str
    base_kind: str
    grade: int
    covered_points: tuple[int, ...]
    star_parts: tuple[str, ...]
    source: str


ANSWERS: tuple[Spoken, ...] = (
    Spoken(
        "q01-spoken-tts",
        "core-conflict-colleague",
        "dev",
        "strong",
        4,
        (0, 1, 2, 3),
        ("situation", "task", "action", "result"),
        "Um, so, at my last job I was a site supervisor for a builder, and the quantity surveyor and I "
        "disagreed about, uh, whether to pour the concrete on a Friday with rain forecast. He wanted to keep "
        "the schedule because every day late cost us money, and I was worried about the quality of the "
        "slab. So I asked him to come out on site with me, just the two of us, and I asked him what the "
        "delay would actually cost, and he showed me the numbers, which were, you know, fair enough. Then I "
        "showed him the forecast and what a cracked slab had cost on another job. And we agreed to pour on "
        "the Monday and make up the day by bringing the steel fixers in early. The slab was fine, we "
        "finished the frame on time, and honestly we got on better after that, he started asking me before "
        "he set dates.",
    ),
    Spoken(
        "q06-spoken-tts",
        "data-insight-changed-decision",
        "dev",
        "strong",
        4,
        (0, 1, 2, 3),
        ("situation", "task", "action", "result"),
        "So, the head of HR was about to, um, roll out a four day week pilot to the whole call centre, all "
        "three hundred people, at once. And I was asked to look at whether it was working in the first "
        "team that tried it. I took the call data and the absence records for that team and compared them "
        "with a similar team that kept five days. What I found was, uh, absence went down by about a "
        "third, which was great, but the time customers waited to get through went up by forty percent on "
        "Fridays. So I showed her both numbers on one page. And instead of rolling it out to everyone, they "
        "changed it so people took different days off, and the waiting time went back to normal.",
    ),
    Spoken(
        "q10-spoken-tts",
        "entry-customer-part-time",
        "dev",
        "partial",
        2,
        (0, 1),
        ("situation",),
        "Um, yeah, so I worked at a leisure centre on reception, and a lady was really upset because her "
        "son's swimming lesson had been cancelled and nobody told her, she'd driven like half an hour. And "
        "I just, you know, I let her talk and I said I'm really sorry, that's not OK. And, um, yeah, I think "
        "she was still annoyed when she left, but she calmed down a bit.",
    ),
    Spoken(
        "q12-spoken-tts",
        "fin-found-error",
        "dev",
        "strong",
        4,
        (0, 1, 2),
        ("situation", "action", "result"),
        "Um, so when I was doing the monthly variance review, I noticed the travel costs for one department "
        "had tripled compared to the month before, which just didn't make sense for them. So I pulled the "
        "journals and found that someone had coded a big software invoice, about eighty thousand, to "
        "travel instead of to IT. I checked it with the invoice and with the department head to make sure. "
        "Then I told my manager and we posted a correcting journal before the accounts went to the board, "
        "so the board pack was right.",
    ),
    Spoken(
        "q18-spoken-tts",
        "nurse-deteriorating-patient",
        "dev",
        "strong",
        5,
        (0, 1, 2, 3),
        ("situation", "task", "action", "result"),
        "OK, so, um, I was working on a care of the elderly ward, and I had a lady who was normally really "
        "chatty, and on the morning round she was, uh, drowsy and not making sense. Her temperature was "
        "thirty eight point nine and her heart rate was a hundred and ten, so her early warning score was "
        "six. I was her nurse, so I did a full set of observations again, checked her blood sugar, and "
        "started a fluid chart. Then I called the doctor and used SBAR, I said who she was, that she was "
        "newly confused with a fever, that I thought it was sepsis, and that I needed her seen now. The "
        "doctor came within ten minutes, we started the sepsis six, and she had a urine infection. She was "
        "back to herself in two days, and I wrote everything up in her notes.",
    ),
    Spoken(
        "q24-spoken-tts",
        "sales-lost-deal",
        "dev",
        "partial",
        2,
        (0,),
        ("situation",),
        "Um, so there was a deal with a big law firm that I really thought I'd win, because the partner I "
        "was talking to loved the product. But in the end they went with someone else, uh, I think it was "
        "on price. It was a bit of a shock. I suppose I learned that you can't take anything for granted.",
    ),
    Spoken(
        "q05-spoken-tts",
        "support-mistake",
        "held_out",
        "strong",
        5,
        (0, 1, 2, 3),
        ("situation", "task", "action", "result"),
        "Um, so I told a customer on chat that his warranty covered accidental damage, and then, like, the "
        "next day, a colleague mentioned that only the premium plan covers that, and his was the basic "
        "one. So I looked up his account, called him before he sent the laptop in, and said sorry, I gave "
        "you the wrong information. Because he'd already booked the courier because of me, I got my manager "
        "to agree we'd pay for the courier and give him a discount on the repair. And after that I added "
        "the plan details to our saved replies, so nobody has to remember it.",
    ),
    Spoken(
        "q13-spoken-tts",
        "fin-deadline-pressure",
        "held_out",
        "partial",
        3,
        (0, 1),
        ("situation", "action"),
        "Um, so at year end the audit started the same week as the budget deadline, because the auditors "
        "moved their dates. So, uh, I sat down with my manager and we listed everything, and we decided the "
        "audit requests came first each morning and the budget in the afternoons. It was a busy few weeks.",
    ),
    Spoken(
        "q19-spoken-tts",
        "nurse-difficult-family",
        "held_out",
        "partial",
        2,
        (0, 1),
        ("situation", "action"),
        "So, um, there was a husband whose wife had been waiting in A and E for nine hours for a bed, and "
        "he was really angry, he was shouting at the desk. And I took him into the side room and, you know, "
        "I just listened and let him get it all out. He was really worried about her.",
    ),
    Spoken(
        "q28-spoken-tts",
        "swe-production-incident",
        "held_out",
        "strong",
        4,
        (0, 1, 2, 3),
        ("situation", "action", "result"),
        "Um, so, one Monday morning our monitoring showed that the mobile app couldn't load anyone's "
        "orders, it was about half of our users. We'd released a new version of the API an hour before, so "
        "the first thing I did was roll it back, and that fixed it in about five minutes. I kept posting "
        "updates in the incident channel for the support team. Then in the postmortem we found that a "
        "field had been renamed and old app versions still used the old name. I added a contract test so "
        "the build fails if we break an old client again.",
    ),
)

# Machine transcripts for held_back.yaml (the second held-back set, never tuned on).
HELD_BACK: tuple[Spoken, ...] = (
    Spoken(
        "h06-spoken-tts",
        "teach-lesson-failed",
        "held_back",
        "strong",
        4,
        (0, 1, 2, 3),
        ("situation", "action", "result"),
        "Um, so, in my training year I taught a Year 9 maths lesson on ratio, and after about ten minutes I "
        "could see they were completely lost, because nobody could answer the first question on the board. "
        "So I, uh, stopped, put the worksheet away and did three really simple examples with sweets, you "
        "know, sharing them out between two people. That got most of them there by the end. Afterwards I "
        "talked it through with my mentor and we realised I had skipped the step about simplifying. Now I "
        "always start with a quick check question, so I know where they are before I go on.",
    ),
    Spoken(
        "h08-spoken-tts",
        "mkt-why-marketing",
        "held_back",
        "partial",
        2,
        (0, 1),
        (),
        "Um, well, I've always liked, you know, the creative side of things. I did some posts for my "
        "aunt's hair salon on Instagram and, uh, it was fun seeing people actually book from them. And your "
        "brand, I think it's, um, it's really fun, young people love it.",
    ),
)


# Machine transcripts for held_back_2.yaml (the third set, written 2026-11-29, never run through the judge
# before it was committed).
HELD_BACK_2: tuple[Spoken, ...] = (
    Spoken(
        "t03-spoken-tts",
        "admin-organised-event",
        "held_back_2",
        "strong",
        4,
        (0, 1, 2, 3),
        ("situation", "action", "result"),
        "Um, so, last spring I organised a two day offsite for our leadership team, that was twenty two "
        "people flying in from four countries to a hotel outside Lisbon, and the budget was, uh, about "
        "forty thousand euros. I kept everything in one spreadsheet, flights, rooms, dietary needs, who was "
        "arriving when, and I had a call with the hotel every Thursday. Then, um, four days before, the "
        "airline cancelled the Frankfurt flight, so six people had no way to get there. I rebooked them "
        "through Zurich the same afternoon and moved the first session to after lunch so nobody missed it. "
        "Everyone arrived, we came in about two thousand under budget, and the CEO sent me a note "
        "afterwards saying it was the smoothest offsite they'd had.",
    ),
    Spoken(
        "t07-spoken-tts",
        "entry-learned-quickly",
        "held_back_2",
        "partial",
        2,
        (0, 1),
        ("situation", "action"),
        "Um, yeah, so when I started at the cafe they had this new till system, and, uh, I'd never used one "
        "before, and my very first shift was a Saturday. So I just asked the girl who was training me loads "
        "of questions, and, um, I wrote some of the buttons down on my hand, which was a bit silly. It was "
        "fine in the end, I think.",
    ),
    Spoken(
        "t09-spoken-tts",
        "nurse-medication-error",
        "held_back_2",
        "strong",
        4,
        (0, 1, 2, 3),
        (),
        "OK, so, the first thing is the patient, before anything else. I'd go straight back to them, do a "
        "full set of observations and, um, watch for any reaction, depending on what the drug was. Then I'd "
        "tell the nurse in charge and bleep the doctor who prescribed it, right away, not at the end of the "
        "shift, so they can decide if the patient needs anything else, like an antidote or closer "
        "monitoring. I'd, uh, explain to the patient honestly what happened and say sorry, because they "
        "have a right to know. And then I'd fill in the incident form that same shift, and be open about "
        "how it happened, because usually it's something in the system, like two similar boxes sitting next "
        "to each other, and that's the only way it gets fixed.",
    ),
)


def _block(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def render(answer: Spoken, text: str) -> str:
    points = ", ".join(str(p) for p in answer.covered_points)
    parts = ", ".join(answer.star_parts)
    return (
        f"- id: {answer.id}\n"
        f"  question_id: {answer.question_id}\n"
        f"  kind: spoken\n"
        f"  base_kind: {answer.base_kind}\n"
        f"  split: {answer.split}\n"
        f"  grade: {answer.grade}\n"
        f"  covered_points: [{points}]\n"
        f"  star_parts: [{parts}]\n"
        f"  text: |-\n{_block(text)}\n"
    )


def transcribe_all(answers: tuple[Spoken, ...], rate: int) -> list[str]:
    from app.capture.audio_file import decode_audio
    from app.speech.transcription import make_transcriber
    from app.speech.tts import SpeechSynthesizer

    transcriber = make_transcriber("whisper")
    texts = []
    with tempfile.TemporaryDirectory() as folder, SpeechSynthesizer(cache_dir=Path(folder), rate=rate) as tts:
        for answer in answers:
            wav = tts.synthesize(answer.source)
            samples = decode_audio(wav, 16000)
            transcript = transcriber.transcribe(samples, 16000)
            texts.append(transcript.text.strip())
            print(
                f"{answer.id}: {len(samples) / 16000:.1f} s of audio, {len(answer.source.split())} words "
                f"written, {len(transcript.words)} transcribed",
                file=sys.stderr,
            )
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the YAML fragment here (default: stdout)")
    parser.add_argument("--rate", type=int, default=150, help="speaking rate, words per minute")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--held-back", action="store_true", help="the answers of held_back.yaml instead")
    which.add_argument("--held-back-2", action="store_true", help="the answers of held_back_2.yaml instead")
    args = parser.parse_args(argv)
    answers = HELD_BACK_2 if args.held_back_2 else HELD_BACK if args.held_back else ANSWERS
    texts = transcribe_all(answers, args.rate)
    fragment = "".join(render(answer, text) for answer, text in zip(answers, texts, strict=True))
    if args.out:
        args.out.write_text(fragment, encoding="utf-8")
    else:
        sys.stdout.write(fragment)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
