// The Extractor is shared by the threads of `extract -j` and `build -j`: coding the same
// documents on several threads at once must give what one thread gives. (A race shows up here
// as a different or crashed result; the asan preset adds its checks to the same run.)
#include <gtest/gtest.h>


#include <string>
#include <thread>
#include <vector>

#include "diplograph/extract/extractor.hpp"
#include "diplograph/text/reader.hpp"

namespace diplograph::extract {
namespace {

std::string summary(const Extraction& x) {
  std::string out = x.document.id + "\n";
  for (const auto& a : x.actors.actors) out += "actor " + a.id + " " + a.code + "\n";
  for (const auto& m : x.actors.mentions)
    out += "mention " + std::to_string(m.actor) + " " + std::to_string(m.sentence) + " " +
           std::to_string(m.first_token) + "\n";
  for (const auto& e : x.events)
    out += "event " + e.source.id + " " + e.target.id + " " + e.cameo + " " + (e.date ? e.date->iso() : "-") +
           " " + std::to_string(e.confidence) + "\n";
  return out;
}

TEST(ExtractorThreads, ConcurrentCodingEqualsSequential) {
  const std::vector<std::string> paths{std::string(DIPLOGRAPH_SOURCE_DIR) + "/graphs/examples"};
  std::vector<Document> documents;
  text::read_documents(paths, {}, [&](Document&& d) { documents.push_back(std::move(d)); },
                       [](Error&&) {});
  ASSERT_GE(documents.size(), 5u);
  auto extractor = Extractor::create({});
  ASSERT_TRUE(extractor.has_value());

  std::vector<std::string> expected;
  for (const auto& d : documents) expected.push_back(summary(extractor->extract(d)));
  std::size_t with_events = 0;  // the comparison below means something only if events are coded
  for (const auto& s : expected) with_events += s.find("\nevent ") != std::string::npos ? 1 : 0;
  ASSERT_GE(with_events, 3u);

  constexpr int kThreads = 4;
  constexpr int kRounds = 25;
  std::vector<std::vector<std::string>> got(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int r = 0; r < kRounds; ++r)
          for (std::size_t i = 0; i < documents.size(); ++i) {
            // each thread starts at another document, so different documents overlap in time
            const std::size_t k = (i + static_cast<std::size_t>(t)) % documents.size();
            got[static_cast<std::size_t>(t)].push_back(summary(extractor->extract(documents[k])));
          }
      });
  }
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(got[static_cast<std::size_t>(t)].size(), kRounds * documents.size());
    for (std::size_t j = 0; j < got[static_cast<std::size_t>(t)].size(); ++j) {
      const std::size_t k = (j % documents.size() + static_cast<std::size_t>(t)) % documents.size();
      ASSERT_EQ(got[static_cast<std::size_t>(t)][j], expected[k]) << "thread " << t << ", document " << k;
    }
  }
}

}  // namespace
}  // namespace diplograph::extract
