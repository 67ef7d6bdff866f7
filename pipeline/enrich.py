"""Full enrichment of one article: entities, topics, statements with subjects.

Pure and Kafka-free: the Faust enrich agent and `raqib enrich` both call ``enrich_article``; only the
story/duplicate assignment differs (a Faust table in the stream, an in-memory index offline).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from pydantic import ValidationError

from pipeline.models import ArticleClean, ArticleEnriched, content_hash
from pipeline.nlp.dedup import StoryIndex, story_keys
from pipeline.nlp.frame_memo import SentenceMemo
from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.ner import extract_entities
from pipeline.nlp.statements import extract_statements
from pipeline.nlp.subject_statements import flag_statements, unattributed_statements
from pipeline.nlp.subjects import load_subjects
from pipeline.nlp.topics import classify


def enrich_article(article: ArticleClean) -> ArticleEnriched:
    """Entities, topics and statements for one clean article (no story yet)."""
    text = article.text
    entities = extract_entities(text)
    year = article.published_at.year if article.published_at else None
    judged = SentenceMemo()  # sentences judged on the subjects and their words, shared by every pass (one article)
    watched = article_subjects(load_subjects(), text, judged)  # with the article's own names of armed groups
    statements = flag_statements(extract_statements(text, entities), watched, text=text, year=year, memo=judged)
    statements += unattributed_statements(text, statements, watched, year=year, entities=entities, memo=judged)
    statements = [st if st.speaker or not st.attributed else st.model_copy(update={"attributed": False})
                  for st in statements]  # no speaker found (a passive, an unnamed source): say so
    statements.sort(key=lambda st: st.start)
    topics = classify(article.title, text)
    subjects = sorted({s for st in statements for s in st.subjects})
    return ArticleEnriched(
        **article.model_dump(),
        entities=entities,
        topics=topics,
        statements=statements,
        subjects=subjects,
    )


def output_record(enriched: ArticleEnriched) -> dict[str, Any]:
    """The `raqib enrich` JSONL shape (documented in the README)."""
    return {
        "id": enriched.id,
        "entities": [e.model_dump(include={"text", "canonical", "type", "start", "end"})
                     for e in enriched.entities],
        "topics": [t.model_dump(include={"id", "score"}) for t in enriched.topics],
        "statements": [
            {
                "speaker": st.speaker.model_dump(include={"text", "canonical"}) if st.speaker else None,
                "verb": st.verb,
                "quote": st.quote,
                "start": st.start,
                "end": st.end,
                "subjects": st.subjects,
                "stance": st.stance,
                "attributed": st.attributed,
            }
            for st in enriched.statements
        ],
        "story_id": enriched.story_id,
        "duplicate_of": enriched.duplicate_of,
    }


def article_from_document(doc: dict[str, Any]) -> ArticleClean:
    """A minimal JSONL document ({id, text, title?, ...}) as a clean article."""
    if not isinstance(doc, dict):
        raise ValueError("each line must be a JSON object")
    if not isinstance(doc.get("id"), str | int) or not isinstance(doc.get("text"), str):
        raise ValueError('each line needs "id" (string) and "text" (string)')
    text = doc["text"]
    return ArticleClean(
        id=str(doc["id"]),
        url=str(doc.get("url") or f"urn:raqib:{doc['id']}"),
        title=str(doc.get("title") or ""),
        text=text,
        outlet=str(doc.get("outlet") or ""),
        published_at=doc.get("published_at"),
        content_hash=content_hash(text),
    )


def enrich_jsonl(lines: TextIO | Iterable[str]) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Enrich JSONL documents; yields (line number, record) or (line number, error message).

    Two passes: story ids are assigned once every document is indexed, so they are final and do not
    depend on the order of the lines.
    """
    index = StoryIndex()
    results: list[tuple[int, ArticleEnriched | str]] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            article = article_from_document(json.loads(line))
        except (json.JSONDecodeError, ValueError, ValidationError) as exc:
            results.append((line_no, f"skipped: {exc}"))
            continue
        enriched = enrich_article(article)
        index.add(article.id, article.text, article.published_at, story_keys(enriched.statements))
        results.append((line_no, enriched))
    for line_no, result in results:
        if isinstance(result, str):
            yield line_no, result
            continue
        result.duplicate_of, result.story_id = index.duplicate_of(result.id), index.story_id(result.id)
        yield line_no, output_record(result)
