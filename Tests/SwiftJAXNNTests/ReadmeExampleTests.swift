import SwiftJAX
import SwiftJAXNN
import Testing

/// The README's layers example, as written there.
@Suite struct ReadmeLayersExampleTests {
  @Test func readmeSnippetRuns() {
    let xBatch = Random.normal(Random.PRNGKey(1), shape: [8, 64])
    let (key, dropoutKey) = Random.split(Random.PRNGKey(2))
    let model = MLP([64, 256, 128, 10])
    let params = model.initialize(Random.PRNGKey(0), xBatch)
    let logits = model.apply(params, xBatch)
    #expect(logits.shape == [8, 10])
    let net = Sequential(Dense(128), BatchNorm(), Lambda { nn.relu($0) }, Dropout(0.1), Dense(10))
    let v = net.initVariables(key, xBatch)
    let (y, newState) = net.apply(v.params, xBatch, state: v.state, mode: .train(key: dropoutKey))
    #expect(y.shape == [8, 10])
    #expect(treeLeaves(newState).count == treeLeaves(v.state).count)
  }
}
