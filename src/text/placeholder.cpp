// Placeholder: the text stage's helper replaces this file with reader.cpp, splitter.cpp, utf8.cpp.
#include "diplograph/text/reader.hpp"
#include "diplograph/text/splitter.hpp"
namespace diplograph::text {
std::size_t read_documents(std::span<const std::string>, const ReadOptions&, const DocumentSink&,
                           const ErrorSink&) { return 0; }
void split_document(Document&) {}
}  // namespace diplograph::text
