// Actor recognition and within-document coreference: finds every state, leader, ministry,
// armed force, party, company and international organisation a document names, gives each a
// canonical id, a CAMEO actor code and a kind, and links later mentions ("Kishida", "he",
// "the prime minister", "the two nations") to them.
//
//   extract::ActorRecognizer recognizer(lexicon);           // lexicon::ActorLexicon, shared
//   extract::DocumentActors found = recognizer.recognize(document);  // document already split
//   for (const Mention& m : found.mentions) found.actors[m.actor] ...
//
// Contract with the event coder (extract/event_coder): `mentions` are sorted by (sentence,
// first_token) and never overlap; each points at an entry of `actors`. A pronoun or title-only
// mention that was resolved appears as a Mention of the resolved actor, covering the pronoun's
// tokens. Group mentions that stand for several actors ("the two nations", "both countries")
// appear once per actor, with the same tokens (the only allowed overlap).
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/model.hpp"

namespace diplograph::extract {

struct DocumentActors {
  std::vector<Actor> actors;      // sorted by id; ids unique
  std::vector<Mention> mentions;  // sorted by (sentence, first_token)
};

// Every sentence's dictionary matches (the lexicon's match() of its tokens) in one vector, so
// that a document's matches take one buffer rather than one per sentence.
struct DocumentMatches {
  std::vector<lexicon::LexiconMatch> matches;
  std::vector<std::size_t> begin;  // sentence s's matches are [begin[s], begin[s + 1])
  [[nodiscard]] std::span<const lexicon::LexiconMatch> of(std::size_t s) const {
    return std::span<const lexicon::LexiconMatch>(matches).subspan(begin[s], begin[s + 1] - begin[s]);
  }
};

class ActorRecognizer {
 public:
  explicit ActorRecognizer(std::shared_ptr<const lexicon::ActorLexicon> lexicon);
  // Thread-safe: recognize() is const and keeps no state between documents.
  [[nodiscard]] DocumentActors recognize(const Document& document) const;
  // The same, and each sentence's dictionary matches in `matches` (emptied first), so that the
  // extractor need not match them again.
  [[nodiscard]] DocumentActors recognize(const Document& document, DocumentMatches* matches) const;

 private:
  std::shared_ptr<const lexicon::ActorLexicon> m_lexicon;
};

}  // namespace diplograph::extract
