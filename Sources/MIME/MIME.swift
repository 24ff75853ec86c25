// MIME
