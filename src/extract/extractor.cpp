#include "diplograph/extract/extractor.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

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

// Merge: actors by id (existing ones kept), mentions re-pointed and re-sorted.
DocumentActors merge_state_words(const DocumentActors& recognized, std::vector<Mention> added,
                                 std::vector<Actor> new_actors) {
  DocumentActors found = recognized;
  std::vector<std::string> old_ids;
  old_ids.reserve(found.actors.size());
  for (const auto& a : found.actors) old_ids.push_back(a.id);
  std::vector<std::string> added_ids;
  for (auto& m : added) added_ids.push_back(new_actors[m.actor].id);
  for (auto& a : new_actors) {
    const bool known = std::any_of(found.actors.begin(), found.actors.end(), [&](const Actor& x) { return x.id == a.id; });
    if (!known) found.actors.push_back(std::move(a));
  }
  std::sort(found.actors.begin(), found.actors.end(), [](const Actor& a, const Actor& b) { return a.id < b.id; });
  auto index_of = [&](const std::string& id) {
    return static_cast<std::size_t>(
        std::lower_bound(found.actors.begin(), found.actors.end(), id,
                         [](const Actor& a, const std::string& k) { return a.id < k; }) -
        found.actors.begin());
  };
  for (auto& m : found.mentions) m.actor = index_of(old_ids[m.actor]);
  for (std::size_t i = 0; i < added.size(); ++i) {
    added[i].actor = index_of(added_ids[i]);
    found.mentions.push_back(added[i]);
  }
  std::stable_sort(found.mentions.begin(), found.mentions.end(), [](const Mention& a, const Mention& b) {
    return std::tie(a.sentence, a.first_token) < std::tie(b.sentence, b.first_token);
  });
  return found;
}

// `matches` holds each sentence's lexicon matches, as the recogniser found them. Returns the
// recogniser's actors with the nationality words added, or nothing when there are none to add.
std::optional<DocumentActors> add_state_words(const lexicon::ActorLexicon& lexicon, const Document& document,
                                              const std::vector<std::vector<lexicon::LexiconMatch>>& matches,
                                              const DocumentActors& recognized) {
  const DocumentActors& found = recognized;
  std::vector<bool> covered;
  std::vector<Mention> added;
  std::vector<Actor> new_actors;
  std::size_t next_mention = 0;
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    const auto& tokens = document.sentences[s].tokens;
    covered.assign(tokens.size(), false);
    for (; next_mention < found.mentions.size() && found.mentions[next_mention].sentence == s; ++next_mention) {
      const Mention& m = found.mentions[next_mention];
      for (std::size_t t = m.first_token; t <= m.last_token && t < tokens.size(); ++t) covered[t] = true;
    }
    const std::size_t dateline = s == 0 ? dateline_end(tokens) : 0;
    for (const auto& match : matches[s]) {
      bool free = true;
      for (std::size_t t = match.first_token; t <= match.last_token && t < tokens.size(); ++t)
        if (covered[t]) free = false;
      if (!free || match.entries.empty()) continue;
      if (match.first_token < dateline) continue;
      const lexicon::ActorEntry& entry = lexicon.entry(match.entries.front());
      if (entry.type != lexicon::ActorEntryType::adjective && entry.type != lexicon::ActorEntryType::state &&
          entry.type != lexicon::ActorEntryType::capital)
        continue;
      if (entry.country.empty()) continue;
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
  if (added.empty()) return std::nullopt;
  return merge_state_words(recognized, std::move(added), std::move(new_actors));
}

// The actors to report: the recogniser's, plus a nationality word's state only where an event
// of that sentence uses it (a bare "Japanese economy" stays no actor, as the recogniser decided).
DocumentActors keep_used_state_words(const DocumentActors& recognized, const DocumentActors& augmented,
                                     const std::vector<Event>& events) {
  if (recognized.mentions.size() == augmented.mentions.size()) return recognized;
  std::set<std::pair<std::string, std::size_t>> used;  // (actor id, sentence)
  for (const auto& e : events) {
    const std::size_t s = e.provenance.empty() ? 0 : e.provenance.front().sentence;
    used.emplace(e.source.id, s);
    used.emplace(e.target.id, s);
  }
  std::set<std::tuple<std::size_t, std::size_t, std::size_t>> original;  // (sentence, first, actor id index)
  std::set<std::string> base_ids;
  for (const auto& a : recognized.actors) base_ids.insert(a.id);
  std::map<std::string, Actor> actors;
  for (const auto& a : recognized.actors) actors.emplace(a.id, a);
  std::vector<std::pair<std::string, Mention>> mentions;
  for (const auto& m : recognized.mentions) mentions.emplace_back(recognized.actors[m.actor].id, m);
  std::multiset<std::tuple<std::size_t, std::size_t, std::string>> seen;
  for (const auto& m : recognized.mentions) seen.emplace(m.sentence, m.first_token, recognized.actors[m.actor].id);
  for (const auto& m : augmented.mentions) {
    const Actor& a = augmented.actors[m.actor];
    const auto key = std::make_tuple(m.sentence, m.first_token, a.id);
    if (const auto it = seen.find(key); it != seen.end()) {
      seen.erase(it);  // one of the recogniser's own
      continue;
    }
    if (!used.count({a.id, m.sentence})) continue;
    actors.emplace(a.id, a);
    mentions.emplace_back(a.id, m);
  }
  DocumentActors out;
  std::map<std::string, std::size_t> index;
  for (auto& [id, a] : actors) {
    index[id] = out.actors.size();
    out.actors.push_back(std::move(a));
  }
  for (auto& [id, m] : mentions) {
    m.actor = index[id];
    out.mentions.push_back(m);
  }
  std::stable_sort(out.mentions.begin(), out.mentions.end(), [](const Mention& a, const Mention& b) {
    return std::tie(a.sentence, a.first_token) < std::tie(b.sentence, b.first_token);
  });
  return out;
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
  std::vector<std::vector<lexicon::LexiconMatch>> matches;
  DocumentActors recognized = m_parts->recognizer.recognize(document, &matches);
  const auto augmented = add_state_words(*m_parts->lexicon, document, matches, recognized);
  x.events = m_parts->coder.code(document, augmented ? *augmented : recognized, trace);
  x.actors = augmented ? keep_used_state_words(recognized, *augmented, x.events) : std::move(recognized);
  x.document = std::move(document);
  return x;
}

}  // namespace diplograph::extract
