// The whole extraction pipeline for one document: split sentences, recognise actors, code
// events. Built once (it compiles the dictionaries), then used for many documents.
//
//   auto extractor = extract::Extractor::create({});     // std::expected<Extractor, Error>
//   extract::Extraction x = extractor->extract(std::move(document));
//   // x.document (split), x.actors (actors and mentions), x.events
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

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
  static std::expected<Extractor, Error> create(const ExtractorOptions& options);
  [[nodiscard]] Extraction extract(Document document) const;

 private:
  struct Parts;
  explicit Extractor(std::shared_ptr<const Parts> parts);
  std::shared_ptr<const Parts> m_parts;
};

}  // namespace diplograph::extract
