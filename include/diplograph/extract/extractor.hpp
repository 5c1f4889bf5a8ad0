// The whole extraction pipeline for one document: split sentences, recognise actors, code
// events. Built once (it compiles the dictionaries), then used for many documents.
//
//   auto extractor = extract::Extractor::create({});     // expected<Extractor, Error>
//   extract::Extraction x = extractor->extract(std::move(document));
//   // x.document (split), x.actors (actors and mentions), x.events
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diplograph/expected.hpp"
#include "diplograph/extract/actor_recognizer.hpp"
#include "diplograph/model.hpp"

namespace diplograph::extract {

struct ExtractorOptions {
  std::vector<std::string> actor_files;  // users' extra dictionaries (--actors FILE)
};

struct Extraction {
  Document document;
  DocumentActors actors;
  std::vector<Event> events;  // in sentence order
};

class Extractor {
 public:
  static expected<Extractor, Error> create(const ExtractorOptions& options);
  [[nodiscard]] Extraction extract(Document document) const;
  // The same, and a line per pattern match saying what the coder made of it (--verbose).
  [[nodiscard]] Extraction extract(Document document, std::vector<std::string>* trace) const;

 private:
  struct Parts;
  explicit Extractor(std::shared_ptr<const Parts> parts);
  std::shared_ptr<const Parts> m_parts;
};

}  // namespace diplograph::extract
