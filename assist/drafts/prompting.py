"""The one prompt format for the draft generator, shared by training and inference.

Why one module: a model only writes well when it sees at inference exactly the layout it
was trained on. ``training/train_drafts.py`` and every generator backend build their text
through :func:`prompt_text` (or :func:`chat_messages` for instruct models with a chat
template), so the two can never drift apart.

Three layouts, chosen by the tokenizer (:func:`prompt_layout`):

- an instruct model's own chat template (:func:`chat_messages`);
- a pretrained base without our markers (Gemma 3 270M and the like): plain labelled lines, so
  the base reads text of a kind it has seen and no new embeddings are needed
  (:func:`render_plain_prompt`); every variable part is flattened to one line, so a
  message cannot start a line of its own and pose as the agent;
- a model trained from scratch with our section markers as special tokens::

    <|system|>fixed instructions
    <|intent|>cancel_order
    <|reference|>the best retrieved reply
    <|history|>customer: ...\\nagent: ...
    <|customer|>the customer's message
    <|agent|>                      <- the model writes the reply here, then <|endoftext|>

Why sanitising: customer text is untrusted. Section markers (``<|...|>``, and the chat
templates' own ``<|im_start|>``-style tokens) are removed from every variable part, so a
message can never open a new section, close the system part or pose as the agent. The
system part is a constant: nothing a customer writes is ever placed in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assist.core.text import clean_text

PROMPT_FORMAT = "assist-drafts-v1"
PLAIN_FORMAT = "assist-drafts-plain-v1"
CHAT_FORMAT = "chat-template"

SYSTEM_PROMPT = (
    "You are a shop's customer service agent. Reply politely in the customer's language, adapting "
    "the reference reply. Keep placeholders like {{Order Number}} for unknown details; promise nothing "
    "the reference does not."
)

SYSTEM = "<|system|>"
INTENT = "<|intent|>"
REFERENCE = "<|reference|>"
HISTORY = "<|history|>"
CUSTOMER = "<|customer|>"
AGENT = "<|agent|>"
END = "<|endoftext|>"
PAD = "<|pad|>"
SECTION_MARKERS: tuple[str, ...] = (SYSTEM, INTENT, REFERENCE, HISTORY, CUSTOMER, AGENT)
SPECIAL_TOKENS: tuple[str, ...] = (END, PAD, *SECTION_MARKERS)
# End-of-turn tokens of other model families: generation stops at them too.
STOP_MARKERS: tuple[str, ...] = ("<|im_end|>", "<|eot_id|>", "<end_of_turn>", "<eos>")

# Budgets in characters keep prompts short on CPU and identical between train and inference.
MAX_REFERENCE_CHARS = 400
MAX_MESSAGE_CHARS = 500
MAX_TURN_CHARS = 240
MAX_HISTORY_TURNS = 4

# Any <|...|> marker (ours, ChatML's <|im_start|>, Llama's <|eot_id|>, ...), then stray halves.
_MARKER = re.compile(r"<\|[^<>|]{0,40}\|>")
_HALF_MARKER = re.compile(r"<\||\|>")
# Llama-2 / Mistral style instruction brackets and role headers.
_INSTRUCTION_TAGS = re.compile(r"\[/?INST\]|<</?SYS>>|</?s>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PromptParts:
    """What a draft is conditioned on. ``history`` holds ``(role, text)`` pairs, oldest first."""

    message: str
    intent: str | None = None
    reference: str | None = None
    history: tuple[tuple[str, str], ...] = ()
    lang: str | None = None


def sanitize(text: str, max_chars: int) -> str:
    """Untrusted text made inert: no section markers, no control characters, bounded length."""
    text = clean_text(text, max_chars=max_chars * 2)
    previous = None
    while previous != text:  # removing one marker can join the halves of another
        previous = text
        text = _MARKER.sub(" ", text)
        text = _HALF_MARKER.sub(" ", text)
        text = _INSTRUCTION_TAGS.sub(" ", text)
    return _squash(text)[:max_chars].strip()


def _squash(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def _label(text: str | None) -> str:
    return sanitize(text, 80).replace("\n", " ") if text else "unknown"


def _history_text(history: Sequence[tuple[str, str]]) -> str:
    turns = []
    for role, text in list(history)[-MAX_HISTORY_TURNS:]:
        who = "agent" if str(role).lower().startswith("agent") else "customer"
        turns.append(f"{who}: {sanitize(text, MAX_TURN_CHARS).replace(chr(10), ' ')}")
    return "\n".join(turns) if turns else "none"


def render_prompt(parts: PromptParts) -> str:
    """The base-model prompt, ending with the agent marker the reply follows."""
    return (
        f"{SYSTEM}{SYSTEM_PROMPT}\n"
        f"{INTENT}{_label(parts.intent)}\n"
        f"{REFERENCE}{sanitize(parts.reference or 'none', MAX_REFERENCE_CHARS)}\n"
        f"{HISTORY}{_history_text(parts.history)}\n"
        f"{CUSTOMER}{sanitize(parts.message, MAX_MESSAGE_CHARS)}\n"
        f"{AGENT}"
    )


def system_part(prompt: str) -> str:
    """The text between the system marker and the next section marker (for audits and tests)."""
    start = prompt.index(SYSTEM) + len(SYSTEM)
    return prompt[start : prompt.index(INTENT, start)]


def chat_messages(parts: PromptParts) -> list[dict[str, str]]:
    """The same content as chat turns for instruct models: a fixed system turn, one user turn."""
    user = (
        f"Intent: {_label(parts.intent)}\n"
        f"Reference reply:\n{sanitize(parts.reference or 'none', MAX_REFERENCE_CHARS)}\n"
        f"Recent turns:\n{_history_text(parts.history)}\n"
        f"Customer message:\n{sanitize(parts.message, MAX_MESSAGE_CHARS)}\n"
        "Write the agent's reply only."
    )
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def _line(text: str | None, max_chars: int) -> str:
    return sanitize(text or "", max_chars).replace("\n", " ") or "none"


def render_plain_prompt(parts: PromptParts, bos: str = "") -> str:
    """The layout for pretrained bases: labelled lines, the reply follows ``Agent:`` on a new line."""
    lines = [f"{bos}Customer service chat. Intent: {_label(parts.intent)}"]
    lines.append(f"Reference reply: {_line(parts.reference, MAX_REFERENCE_CHARS)}")
    for role, text in list(parts.history)[-MAX_HISTORY_TURNS:]:
        who = "Agent" if str(role).lower().startswith("agent") else "Customer"
        lines.append(f"{who}: {_line(text, MAX_TURN_CHARS)}")
    lines.append(f"Customer: {_line(parts.message, MAX_MESSAGE_CHARS)}")
    lines.append("Agent:\n")
    return "\n".join(lines)


def uses_chat_template(tokenizer: Any) -> bool:
    return bool(getattr(tokenizer, "chat_template", None))


def prompt_layout(tokenizer: Any) -> str:
    """Which layout ``tokenizer``'s model reads: ``CHAT_FORMAT``, ``PROMPT_FORMAT`` or ``PLAIN_FORMAT``."""
    if uses_chat_template(tokenizer):
        return CHAT_FORMAT
    if AGENT in (getattr(tokenizer, "additional_special_tokens", None) or ()):  # our from-scratch tokenizer
        return PROMPT_FORMAT
    return PLAIN_FORMAT


def prompt_text(tokenizer: Any, parts: PromptParts) -> str:
    """The exact string fed to ``tokenizer`` (with ``add_special_tokens=False``)."""
    layout = prompt_layout(tokenizer)
    if layout == CHAT_FORMAT:
        text = tokenizer.apply_chat_template(chat_messages(parts), tokenize=False, add_generation_prompt=True)
        return str(text)
    if layout == PLAIN_FORMAT:
        return render_plain_prompt(parts, str(getattr(tokenizer, "bos_token", None) or ""))
    return render_prompt(parts)


def reply_suffix(tokenizer: Any) -> str:
    """What closes a training reply: the tokenizer's end-of-sequence token."""
    return str(tokenizer.eos_token or END)


def clean_reply(text: str) -> str:
    """A generated reply with any marker the model emitted (and what followed it) cut off."""
    for marker in (*SPECIAL_TOKENS, *STOP_MARKERS):
        cut = text.find(marker)
        if cut >= 0:
            text = text[:cut]
    return text.strip()
