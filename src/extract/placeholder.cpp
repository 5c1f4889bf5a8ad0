// Placeholder so the extract stage library exists; replaced as the stage grows.
namespace diplograph::extract {}
