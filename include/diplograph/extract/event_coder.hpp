// The event coder: finds who did what to whom in each sentence, in CAMEO, from the verb-phrase
// lexicon's matches and the recogniser's actor mentions. Shallow and fast: no parser, clause
// shape read from tokens (docs/EVALUATION.md says why).
//
//   extract::EventCoder coder;                     // built-in codebook and patterns
//   std::vector<Event> events = coder.code(document, recognizer.recognize(document));
//   // "Japan thanked Taiwan for its support." ->
//   //   Event{source JPN, target TWN, cameo "051", root "05", quad 1, goldstein 3.4, ...}
//
// What it reads from a clause:
//   * source: the subject (leftmost actor of the clause before the verb; across "and", speech
//     verbs and relative pronouns to the clause that governs it; the main clause's subject for
//     a participle or prepositional opener), the agent of a passive ("was expelled by X"), or a
//     pattern's own source slot ("investments by X in Y");
//   * target: the pattern's target slot, an actor inside the phrase ("expelled 23 Russian
//     diplomats"), or the first actor after it; coordinated actors ("Japan and the United
//     States") give one event each; symmetric patterns (meet, talks with) are coded both ways;
//   * negation ("did not meet": no event), intent ("will visit", "plans to", "agreed to": the
//     03x intent code; a threat 13x for force), conditionals ("if", "unless") and questions
//     (not coded), and the sentence's date words (extract/event_dates.hpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diplograph/extract/actor_recognizer.hpp"
#include "diplograph/model.hpp"

namespace diplograph::lexicon {
class EventMatcher;
class CameoCodebook;
}  // namespace diplograph::lexicon

namespace diplograph::extract {

namespace detail {
struct CoderWords;  // the pattern vocabulary and the coder's word lists in one table
}

class EventCoder {
 public:
  // The built-in patterns (data/cameo/*.txt) and codebook.
  EventCoder();
  EventCoder(std::shared_ptr<const lexicon::EventMatcher> matcher, const lexicon::CameoCodebook& codebook);

  // Events in sentence order (then source, target, code); one per (source actor, target actor,
  // code) and sentence. Same-country events are kept with `domestic` set. Thread-safe.
  // With `trace`, appends a line per pattern match saying what became of it (for --verbose).
  [[nodiscard]] std::vector<Event> code(const Document& document, const DocumentActors& actors,
                                        std::vector<std::string>* trace = nullptr) const;

 private:
  std::shared_ptr<const lexicon::EventMatcher> m_matcher;
  const lexicon::CameoCodebook* m_codebook;
  std::shared_ptr<const detail::CoderWords> m_words;
};

}  // namespace diplograph::extract
