// Placeholder so the graph stage library exists; replaced as the stage grows.
namespace diplograph::graph {}
