export { type S3BlobStore, type S3BlobStoreOptions, s3BlobStore } from './s3-blob-store.js'
export { parseS3Url, type S3Location } from './s3-keys.js'
