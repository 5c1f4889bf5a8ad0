#include "diplograph/extract/extractor.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "diplograph/extract/event_coder.hpp"
#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/text/splitter.hpp"

namespace diplograph::extract {
namespace {

// Nationality words the recogniser leaves alone because no actor noun follows them ("killed 4
// Iraqis", "Israeli air raids", "German goods") still say whom an event touches: the event
// coder gets them as mentions of the state. Only tokens no mention covers are added.
// The end of a wire dateline opening the document ("NEW DELHI, April 24 - ..."): the city there
// says where the story was filed, not who acted (the recogniser skips it the same way).
std::size_t dateline_end(const std::vector<Token>& tokens) {
  if (tokens.size() < 4) return 0;
  const std::string& first = tokens[0].text;
  if (first.size() < 2 || !std::all_of(first.begin(), first.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) || c == '-';
      }))
    return 0;
  auto capitals = [](const std::string& w) {
    return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) {
             return std::isupper(static_cast<unsigned char>(c)) || c == '-';
           });
  };
  // the city in capitals, then a comma, "(Reuters)" or the dash ("UN chief ... -" is no dateline)
  std::size_t city = 1;
  while (city < tokens.size() && capitals(tokens[city].text)) ++city;
  if (city >= tokens.size()) return 0;
  const std::string& after = tokens[city].text;
  if (!(after == "," || after == "(" || after == "-" || after == "--" || after == "\u2013" || after == "\u2014"))
    return 0;
  for (std::size_t k = 1; k < tokens.size() && k < 14; ++k) {
    const std::string& w = tokens[k].text;
    if (w == "-" || w == "--" || w == "\u2013" || w == "\u2014") return k + 1;
    if (w == "." || w == ";" || tokens[k].lower == "said" || tokens[k].lower == "says") return 0;
  }
  return 0;
}

// The recogniser's actors with the states of the nationality words added, and which mentions
// (and which actors) are the additions, so keep_used_state_words() can take back the unused
// ones without comparing ids.
// (When nothing was added, which is most documents, `added` and `new_actor` stay empty.) The
// flags are bytes, not std::vector<bool>, whose bit arithmetic costs more than the space saves.
struct Augmented {
  DocumentActors actors;            // sorted by id; mentions sorted by (sentence, first_token)
  std::vector<std::uint8_t> added;      // by mention: a nationality word's, not the recogniser's
  std::vector<std::uint8_t> new_actor;  // by actor: an actor only the nationality words brought in
};

// "South", "Latin", "West" ... before a nationality word make a region's adjective ("South
// American", "West African"); the lexicon's own two-word names ("South African", "North Korean")
// are matched whole and never reach this test.
bool is_region_word(std::string_view word) {
  static constexpr std::string_view kRegions[] = {"South", "North", "East", "West", "Latin", "Central",
                                                  "Southeast", "Northeast", "Southwest", "Northwest", "Sub-Saharan"};
  return std::find(std::begin(kRegions), std::end(kRegions), word) != std::end(kRegions);
}

// Merge: actors by id (the recogniser's kept in their vector; only those after a new one move),
// mentions re-pointed and merged by position. An added mention never shares its first
// token with one of the recogniser's (it covers only tokens no mention covers), and both lists
// are in (sentence, first_token) order, so the merge gives the order a stable sort would.
Augmented merge_state_words(DocumentActors&& recognized, std::vector<Mention>&& added,
                            std::vector<Actor>&& new_actors) {
  Augmented out;
  std::vector<Actor>& known = recognized.actors;
  auto find = [&](const std::string& id) {
    const auto it = std::lower_bound(known.begin(), known.end(), id,
                                     [](const Actor& a, const std::string& k) { return a.id < k; });
    return it != known.end() && it->id == id ? static_cast<std::size_t>(it - known.begin()) : known.size();
  };
  // The new actors' ids are "state/" + a country, one per country: distinct, so sorting them
  // and merging them into the recogniser's (sorted, distinct, none equal) sorts the whole.
  std::vector<std::size_t> fresh;           // indices into new_actors of those not known, by id
  std::vector<std::size_t> known_of(new_actors.size());  // new_actors index -> index in `known`
  for (std::size_t i = 0; i < new_actors.size(); ++i) {
    known_of[i] = find(new_actors[i].id);
    if (known_of[i] == known.size()) fresh.push_back(i);
  }
  std::sort(fresh.begin(), fresh.end(),
            [&](std::size_t x, std::size_t y) { return new_actors[x].id < new_actors[y].id; });
  // place: the final index of each known actor and of each new one
  std::vector<std::size_t> place(known.size());
  std::vector<std::size_t> place_new(new_actors.size());
  {
    std::size_t f = 0;
    std::size_t at = 0;
    for (std::size_t k = 0; k < known.size(); ++k) {
      while (f < fresh.size() && new_actors[fresh[f]].id < known[k].id) place_new[fresh[f++]] = at++;
      place[k] = at++;
    }
    while (f < fresh.size()) place_new[fresh[f++]] = at++;
    for (std::size_t i = 0; i < new_actors.size(); ++i)
      if (known_of[i] != known.size()) place_new[i] = place[known_of[i]];
  }
  out.new_actor.assign(known.size() + fresh.size(), 0);
  // The new actors go into the recogniser's vector, whose actors move only from the first place
  // a new one takes: those after it shift back, from the end (place[k] >= k).
  const std::size_t old_size = known.size();
  known.resize(old_size + fresh.size());
  for (std::size_t k = old_size; k-- > 0 && place[k] != k;) known[place[k]] = std::move(known[k]);
  for (const std::size_t i : fresh) {
    known[place_new[i]] = std::move(new_actors[i]);
    out.new_actor[place_new[i]] = 1;
  }
  out.actors.actors = std::move(known);
  const std::vector<Mention>& found = recognized.mentions;
  out.actors.mentions.reserve(found.size() + added.size());
  out.added.reserve(found.size() + added.size());
  std::size_t r = 0;
  std::size_t n = 0;
  while (r < found.size() || n < added.size()) {
    const bool take_found =
        n == added.size() ||
        (r < found.size() && std::tie(found[r].sentence, found[r].first_token) <=
                                 std::tie(added[n].sentence, added[n].first_token));
    Mention m = take_found ? found[r++] : added[n++];
    m.actor = take_found ? place[m.actor] : place_new[m.actor];
    out.actors.mentions.push_back(m);
    out.added.push_back(take_found ? 0 : 1);
  }
  return out;
}

// `matches` holds each sentence's lexicon matches, as the recogniser found them. Returns the
// recogniser's actors with the nationality words added (none added when there are none).
Augmented add_state_words(const lexicon::ActorLexicon& lexicon, const Document& document,
                          const DocumentMatches& matches, DocumentActors&& recognized) {
  const DocumentActors& found = recognized;
  std::vector<Mention> added;
  std::vector<Actor> new_actors;
  std::size_t next_mention = 0;
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    const std::size_t first_mention = next_mention;
    while (next_mention < found.mentions.size() && found.mentions[next_mention].sentence == s) ++next_mention;
    const auto sentence_matches = matches.of(s);
    if (sentence_matches.empty()) continue;
    const auto& tokens = document.sentences[s].tokens;
    const std::size_t dateline = s == 0 ? dateline_end(tokens) : 0;
    for (const auto& match : sentence_matches) {
      // The tests are made cheapest first (none has a side effect, so their order changes no
      // answer): most matches are no nationality word.
      if (match.entries.empty()) continue;
      const auto type = lexicon.entry_type(match.entries.front());
      if (type != lexicon::ActorEntryType::adjective && type != lexicon::ActorEntryType::state &&
          type != lexicon::ActorEntryType::capital)
        continue;
      if (match.first_token < dateline) continue;
      // Only tokens no mention of the sentence covers (a sentence has a few mentions).
      bool free = true;
      for (std::size_t k = first_mention; k < next_mention && free; ++k)
        free = !(found.mentions[k].first_token <= match.last_token && match.first_token <= found.mentions[k].last_token);
      if (!free) continue;
      const lexicon::ActorEntry& entry = lexicon.entry(match.entries.front());
      if (entry.country.empty()) continue;
      // "the South American country", "West African leaders": a region, not the state
      if (match.first_token > 0 && is_region_word(tokens[match.first_token - 1].text)) continue;
      // one Actor per country, however often its words occur
      std::size_t index = 0;
      while (index < new_actors.size() && new_actors[index].country != entry.country) ++index;
      if (index == new_actors.size()) {
        Actor actor;
        actor.id = "state/" + entry.country;
        const lexicon::StateInfo* info = lexicon.state(entry.country);
        actor.name = info ? info->name : entry.name;
        actor.code = entry.country;
        actor.country = entry.country;
        actor.kind = ActorKind::state;
        new_actors.push_back(std::move(actor));
      }
      Mention m;
      m.sentence = s;
      m.first_token = match.first_token;
      m.last_token = match.last_token;
      m.span = Span{tokens[match.first_token].span.start, tokens[match.last_token].span.end};
      m.actor = index;  // into new_actors; fixed by merge_state_words
      added.push_back(m);
    }
  }
  if (added.empty()) {
    Augmented out;
    out.actors = std::move(recognized);
    return out;
  }
  return merge_state_words(std::move(recognized), std::move(added), std::move(new_actors));
}

// The actors to report: the recogniser's, plus a nationality word's state only where an event
// of that sentence uses it (a bare "Japanese economy" stays no actor, as the recogniser decided).
DocumentActors keep_used_state_words(Augmented&& augmented, const std::vector<Event>& events) {
  DocumentActors& all = augmented.actors;
  if (augmented.added.empty()) return std::move(all);  // nothing was added
  std::vector<std::pair<std::string_view, std::size_t>> used;  // (actor id, sentence)
  used.reserve(2 * events.size());
  for (const auto& e : events) {
    const std::size_t s = e.provenance.empty() ? 0 : e.provenance.front().sentence;
    used.emplace_back(e.source.id, s);
    used.emplace_back(e.target.id, s);
  }
  std::vector<std::uint8_t> keep_mention(all.mentions.size(), 1);
  std::vector<std::uint8_t> keep_actor(all.actors.size());
  for (std::size_t a = 0; a < all.actors.size(); ++a) keep_actor[a] = augmented.new_actor[a] ? 0 : 1;
  for (std::size_t i = 0; i < all.mentions.size(); ++i) {
    if (!augmented.added[i]) continue;
    const Mention& m = all.mentions[i];
    const std::pair<std::string_view, std::size_t> key{all.actors[m.actor].id, m.sentence};
    keep_mention[i] = std::find(used.begin(), used.end(), key) != used.end() ? 1 : 0;
    if (keep_mention[i]) keep_actor[m.actor] = 1;
  }
  // The kept actors and mentions close up in place, in order: only those after the first
  // dropped one move, and nothing is copied into new vectors. (`used` views the events' ids,
  // not the actors'.)
  std::vector<std::size_t> index(all.actors.size());
  std::size_t kept = 0;
  for (std::size_t a = 0; a < all.actors.size(); ++a) {
    if (!keep_actor[a]) continue;
    index[a] = kept;
    if (kept != a) all.actors[kept] = std::move(all.actors[a]);
    ++kept;
  }
  all.actors.erase(all.actors.begin() + static_cast<std::ptrdiff_t>(kept), all.actors.end());
  kept = 0;
  for (std::size_t i = 0; i < all.mentions.size(); ++i) {
    if (!keep_mention[i]) continue;
    Mention m = all.mentions[i];
    m.actor = index[m.actor];
    all.mentions[kept++] = m;
  }
  all.mentions.resize(kept);
  return std::move(all);
}

}  // namespace

struct Extractor::Parts {
  std::shared_ptr<const lexicon::ActorLexicon> lexicon;
  ActorRecognizer recognizer;
  EventCoder coder;
};

expected<Extractor, Error> Extractor::create(const ExtractorOptions& options) {
  std::shared_ptr<const lexicon::ActorLexicon> actors;
  if (options.actor_files.empty()) {
    actors = lexicon::ActorLexicon::builtin();
  } else {
    auto loaded = lexicon::ActorLexicon::with_files(options.actor_files);
    if (!loaded) return unexpected(loaded.error());
    actors = std::move(*loaded);
  }
  auto parts = std::make_shared<const Parts>(Parts{actors, ActorRecognizer(actors), EventCoder()});
  return Extractor(std::move(parts));
}

Extractor::Extractor(std::shared_ptr<const Parts> parts) : m_parts(std::move(parts)) {}

Extraction Extractor::extract(Document document) const { return extract(std::move(document), nullptr); }

Extraction Extractor::extract(Document document, std::vector<std::string>* trace) const {
  Extraction x;
  text::split_document(document);
  // kept per thread: a document's matches reuse the buffers of the one before
  thread_local DocumentMatches matches;
  Augmented augmented =
      add_state_words(*m_parts->lexicon, document, matches, m_parts->recognizer.recognize(document, &matches));
  x.events = m_parts->coder.code(document, augmented.actors, trace);
  x.actors = keep_used_state_words(std::move(augmented), x.events);
  x.document = std::move(document);
  return x;
}

}  // namespace diplograph::extract
