-- Substring search over element texts, as Omeka's `search=` (LIKE '%terms%', case-insensitive) does it,
-- but served by an index: FTS5's trigram tokenizer answers LIKE queries without a table scan.
-- Triggers keep it in step with every write, so the index can never go stale.
CREATE VIRTUAL TABLE `element_texts_fts` USING fts5(`text`, content='element_texts', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `element_texts_ai` AFTER INSERT ON `element_texts` BEGIN
  INSERT INTO `element_texts_fts`(rowid, `text`) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `element_texts_ad` AFTER DELETE ON `element_texts` BEGIN
  INSERT INTO `element_texts_fts`(`element_texts_fts`, rowid, `text`) VALUES ('delete', old.id, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `element_texts_au` AFTER UPDATE ON `element_texts` BEGIN
  INSERT INTO `element_texts_fts`(`element_texts_fts`, rowid, `text`) VALUES ('delete', old.id, old.text);
  INSERT INTO `element_texts_fts`(rowid, `text`) VALUES (new.id, new.text);
END;
