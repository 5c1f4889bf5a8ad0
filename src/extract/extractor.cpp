#include "diplograph/extract/extractor.hpp"

#include "diplograph/extract/event_coder.hpp"
#include "diplograph/lexicon/actor_lexicon.hpp"
#include "diplograph/text/splitter.hpp"

namespace diplograph::extract {

struct Extractor::Parts {
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
  auto parts = std::make_shared<const Parts>(Parts{ActorRecognizer(std::move(actors)), EventCoder()});
  return Extractor(std::move(parts));
}

Extractor::Extractor(std::shared_ptr<const Parts> parts) : m_parts(std::move(parts)) {}

Extraction Extractor::extract(Document document) const { return extract(std::move(document), nullptr); }

Extraction Extractor::extract(Document document, std::vector<std::string>* trace) const {
  Extraction x;
  text::split_document(document);
  x.actors = m_parts->recognizer.recognize(document);
  x.events = m_parts->coder.code(document, x.actors, trace);
  x.document = std::move(document);
  return x;
}

}  // namespace diplograph::extract
