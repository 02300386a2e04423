export {
  createTestBucket,
  findS3TestServer,
  listTestKeys,
  type S3TestServer,
  s3TestServerMissing,
  startS3TestServer,
  testClientConfig,
} from './s3-test-server.js'
