-- The canonical spelling of every name word, each once (people/names/spelling.ts: Meyer and Meier → maier). The
-- person search orders the candidates of a step by how many query words a person spells the same way: an array
-- overlap, where trigram similarity on the readings cost ~4 µs a row on thousands of rows per search. Filled for
-- existing persons by the background rekey that SEARCH_KEYS_VERSION 3 queues at the next start.
ALTER TABLE "persons" ADD COLUMN "search_words" text[] DEFAULT '{}'::text[] NOT NULL;
