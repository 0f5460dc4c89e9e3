import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { actionSeries, reversedWay, waysOf } from '../../../src/grading/offline/sequence-steps.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { technicalQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * Correct answers the direction rule marked down (round 18, 31 of 72 correct answers naming a way; answers verbatim
 * from a tester's set): a way said of another thing than the model answer's, in a comparison, or of a phase.
 */

const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/);

const CART = ["It works top-down, starting with all data at the root."];
const VANISHING = ["Vanishing gradients occur when gradients become extremely small as they propagate backward through many layers."];
const LSTM = ["Both process a sequence one step at a time and carry a hidden state forward; the LSTM adds a gated memory cell that keeps information and gradients alive over long sequences."];
const CHAIN_RULE_LAYERS = ["To find how loss changes with respect to an early layer\u2019s weights, multiply the derivative of loss with respect to final output, times the derivative of final output with respect to previous layer, and so on backward."];
const TRANSFER = ["- Fine-tuning: also update some or all pre-trained layers with a small learning rate, often 10 to 100 times lower than the new head's, usually unfreezing from the top down."];
const MATMUL = ["Understanding matrix multiplication helps you see how networks process information, why certain layer sizes work together, and how gradients flow backward during training."];
const TREE_FROM_SCRATCH = ["A decision tree (CART) is built top-down by greedy recursive splitting: at each node, choose the feature and threshold that make the two children purest, then recurse into each child.", "**Prediction:** follow the thresholds from the root down to a leaf, at a cost proportional to the depth."];
const CHAIN_RULE = ["In neural networks, backpropagation uses the chain rule to compute gradients layer by layer, flowing backward from output to input."];
const CLASS = ["For example, a NeuralNetwork class might have init to set layers, a forward method to make predictions, and a train method to update weights."];
const BACKPROP = ["It works backward through the network using the chain rule of calculus.", "After forward propagation produces a prediction and loss, backpropagation computes how much each weight contributed to that loss."];
const SKIP = ["Skip connections help gradients flow backward, enabling much deeper networks."];

describe('a way said of another thing than the model answer\'s is no reversal', () => {
  it('the signal said to flow forward, where the model answer sends gradients backward', () => {
    for (const [reference, answer] of [
      [SKIP, "Skip connections add a layer's input directly to the output of a later layer, bypassing the layers in between. Information flows forward through the shortcut unchanged, which also gives gradients a direct path and lets much deeper networks train."],
      [SKIP, "Skip connections connect earlier layers to later ones, bypassing intermediate layers. In the forward direction the later layer receives both the shortcut and its normal input; the identity path eases gradient flow and enables much deeper networks like ResNets."],
      [MATMUL, "Matrix multiplication computes, for each neuron in a layer, the weighted sum of all its inputs at once: multiplying the input matrix by the weight matrix gives every neuron's pre-activation for every example in the batch. As data moves forward through the network, each layer is one such multiplication followed by a nonlinearity."],
      [MATMUL, "Each layer's computation is a matrix product: the batch of inputs times the weight matrix gives the weighted sums for all neurons at once, and adding the bias and an activation gives the layer's output. Data flows forward from the input layer to the output layer as a chain of these products."],
      [CHAIN_RULE, "The chain rule says the derivative of a composition is the product of the derivatives of its parts. A neural network is a composition of layers, so backpropagation multiplies the local derivatives layer by layer; the activations it needs are stored while the input is pushed forward through the layers."],
      [CHAIN_RULE, "The chain rule breaks the derivative of a composite function into a product of simpler derivatives. In backpropagation it gives each weight's gradient as the product of derivatives from the loss down to that weight, reusing the products already computed for later layers; values computed in the forward direction are reused."],
      [CHAIN_RULE_LAYERS, "The loss depends on the last layer's output, which depends on the layer before, and so on. The chain rule multiplies these local derivatives, so the gradient for an early layer is the product of derivatives from the loss to that layer; the intermediate values come from the forward computation that ran forwards through the layers first."],
      [VANISHING, "With sigmoid or tanh, activations saturate as the signal moves forward through a deep network, so their derivatives are near zero; multiplied over many layers during backpropagation the gradient vanishes and early layers stop learning. If the weights are large, the gradients instead explode, which gradient clipping limits."],
      [SKIP, "Skip connections, as in ResNet, add the input of a block to its output. This shortcut lets the signal travel forward without degradation and gives gradients a short path back to early layers, so networks of a hundred layers or more train well."],
      [VANISHING, "When gradients vanish, early layers learn very slowly because the error signal reaching them is tiny; when they explode, updates are huge and training diverges. Both come from multiplying many layer Jacobians as the forward activations are propagated forward and the error is propagated back."],
      [SKIP, "Skip connections add the output of an earlier layer to the input of a later one, bypassing the layers in between. They give information a direct route forwards and gradients a direct route during backpropagation, which is why ResNets can be hundreds of layers deep."],
    ] as const) expect(reversedWay(reference, sentences(answer)), answer).toBeUndefined();
  });

  it('backpropagation told as a forward pass then a backward sweep, in any phrasing', () => {
    for (const [reference, answer] of [
      [BACKPROP, "Backpropagation trains a neural network by computing the gradient of the loss with respect to every weight. After the inputs are propagated forward to produce a prediction and a loss, the error is sent back layer by layer using the chain rule, and the gradients are used to update the weights."],
      [BACKPROP, "Backpropagation computes the loss gradient for each weight with the chain rule. Data moves forwards through the layers to give a prediction and a loss; then the derivatives are multiplied from the last layer to the first."],
      [BACKPROP, "Backpropagation is how networks learn: the input is pushed forward to compute the loss, and then the chain rule is applied from the loss back through every layer to get each weight's gradient, which gradient descent uses to update the weights."],
      [BACKPROP, "The network first runs forward to produce a prediction and its loss. Backpropagation then computes, with the chain rule, how much each weight contributed to that loss, starting from the last layer."],
      [BACKPROP, "Backpropagation computes the gradient of the loss for every weight with the chain rule. The prediction is propagated forward, the loss is computed, and then the chain rule is applied from the last layer back toward the first to get the gradients."],
      [BACKPROP, "Backpropagation computes gradients of the loss with respect to the weights using the chain rule. It relies on the activations that were passed forward during prediction, and multiplies local derivatives layer by layer from the loss to the earliest weights."],
      [BACKPROP, "Backpropagation computes the gradient of the loss for each weight by the chain rule, reusing the values from the forward evaluation of the network; the gradients are then used by gradient descent to adjust the weights."],
      [BACKPROP, "Backpropagation is the algorithm that computes the gradient of the loss with respect to each weight: it forward propagates the inputs to get the loss, then applies the chain rule layer by layer to find each weight's gradient, and the weights are updated to reduce the loss."],
    ] as const) expect(reversedWay(reference, sentences(answer)), answer).toBeUndefined();
  });

  it('gradients said to flow backward, where the model answer carries the hidden state forward', () => {
    for (const [reference, answer] of [
      [LSTM, "A vanilla RNN updates a single hidden state with a tanh layer at every step; when gradients are propagated backward through many time steps they shrink or explode. An LSTM adds a memory cell with forget, input and output gates; the cell is updated additively, so gradients can flow back through time without vanishing, which lets it keep long-range dependencies."],
      [LSTM, "Both process a sequence one step at a time. During backpropagation through time the vanilla RNN's gradient is multiplied by the same recurrent weights at every step backwards, so it vanishes over long sequences. The LSTM's gated cell state gives an additive path, with forget, input and output gates deciding what to keep, write and expose, so information and gradients survive many steps."],
      [LSTM, "An RNN passes its hidden state from each step to the next through one tanh layer, and its gradients vanish over long sequences. The LSTM adds a cell state controlled by forget, input and output gates; because the cell is updated by addition, gradients flowing backwards in time are not repeatedly squashed, so long-range dependencies can be learned."],
      [LSTM, "A vanilla RNN has one hidden state updated through tanh at each step, so the gradient of the loss with respect to early steps is a long product that vanishes. An LSTM adds a cell state and forget, input and output gates; the cell's additive updates let the gradient travel backward across many steps, capturing long-range dependencies."],
    ] as const) expect(reversedWay(reference, sentences(answer)), answer).toBeUndefined();
  });

  it('pruning, clustering or what layers learn said bottom-up, where the model answer grows a tree or unfreezes layers top-down', () => {
    for (const [reference, answer] of [
      [CART, "CART builds a binary tree greedily from the root: at each node it tries every split on every feature and keeps the one that most reduces Gini impurity, or variance for regression, then recurses into each child until a stopping rule like maximum depth. The full tree is then usually pruned bottom-up with cost-complexity pruning."],
      [CART, "Unlike agglomerative clustering, which builds its hierarchy bottom-up, CART starts with all data at the root and recursively splits each node on the best feature and threshold by Gini or variance until a stopping criterion such as maximum depth."],
      [TREE_FROM_SCRATCH, "Write a recursive function that, for the current node, tries every feature and threshold, computes the weighted Gini impurity of the two children, keeps the best split and recurses on each side until a stopping rule; leaves store the majority class. Optionally prune the finished tree bottom-up by merging leaves that do not improve validation accuracy."],
      [TRANSFER, "Transfer learning helps when the target task is similar to the source and you have little labelled data. Feature extraction freezes the pretrained network and trains a new head; fine-tuning also updates the pretrained layers with a small learning rate. Early layers learn generic features such as edges and are reused bottom-up into task-specific ones, so with little data freeze them and fine-tune only the top layers."],
      [CART, "CART recursively partitions the data: starting from the root node with all samples, it chooses the feature and threshold that minimise Gini impurity for classification or variance for regression, splits into two children and repeats on each child until a stopping rule. Unlike bottom-up hierarchical clustering, it never merges nodes."],
      [TRANSFER, "Transfer learning helps when you have little labelled data for a task related to the pretrained one. Feature extraction freezes the backbone and trains a new head; fine-tuning also updates pretrained layers with a small learning rate. Since CNN features are built bottom-up, from edges to object parts, the early layers transfer best and usually stay frozen."],
      [CART, "CART builds a tree by recursive binary splitting from the root. At each node it scores every feature and threshold by Gini impurity for classification or variance for regression, picks the best, creates two children, and recurses until a stopping rule. A fully grown tree is pruned back from the leaves up to the root with cost-complexity pruning."],
    ] as const) expect(reversedWay(reference, sentences(answer)), answer).toBeUndefined();
  });

  it('a method named forward or backward', () => {
    for (const [reference, answer] of [
      [CLASS, "You define a class with the class keyword and an __init__ method that sets the object's attributes, then add other methods. For example, a Layer class for a network written from scratch could store its weights in __init__, have a predict method, and a backward method that returns the gradients for its weights."],
    ] as const) expect(reversedWay(reference, sentences(answer)), answer).toBeUndefined();
  });

  it('still marks the process itself said to run the other way', () => {
    for (const [reference, answer] of [
      [BACKPROP, "Backpropagation computes the gradients by going forward through the network from the input layer to the output layer using the chain rule."],
      [BACKPROP, "Backpropagation works bottom-up from the input layer, computing each weight's gradient forwards until it reaches the loss."],
      [SKIP, "Skip connections make gradients flow forwards from the first layer to the last, which is why they help."],
      [CART, "CART works bottom-up: it starts from the individual examples as leaves and merges them until one root remains."],
      [CART, "CART builds the tree from the leaves up to the root, merging the most similar nodes."],
      [TREE_FROM_SCRATCH, "Build the tree bottom-up: start with each example in its own leaf and merge leaves whose union has the lowest Gini impurity until one root is left."],
      [LSTM, "An LSTM carries its hidden state backward through the sequence, from the last step to the first, unlike an RNN."],
      [VANISHING, "Vanishing gradients occur when gradients become extremely small as they propagate forward through many layers from the input."],
      [BACKPROP, "Backpropagation is applied top-down from the input to the output, computing the gradient of each weight."],
      [CART, "CART grows trees from the leaves up to the root: it first makes every example a leaf and merges pairs by Gini."],
      [LSTM, "An LSTM carries its hidden state backwards through the sequence, from the last step to the first, which a vanilla RNN cannot do."],
    ] as const) {
      const way = reversedWay(reference, sentences(answer));
      expect(way, answer).toBeDefined();
      expect(way?.said, answer).not.toBe(way?.expected);
      expect(answer, answer).toContain(way?.clause ?? '\u0000');
    }
  });

  it('reads a backward sweep told by its ends or its course as running backward', () => {
    for (const text of [
      'the error is sent back layer by layer using the chain rule',
      'the gradients are computed from the last layer to the first',
      'the error moves back toward the first layer',
      'starting from the last layer, each layer passes its gradient on',
    ]) {
      expect([...waysOf(text)], text).toEqual(['backward']);
    }
  });

  it('reads no way into a comparison with another algorithm', () => {
    expect(waysOf('Unlike agglomerative clustering, which builds its hierarchy bottom-up, CART starts with all data at the root.').size).toBe(0);
  });
});

const READ_CSV = "What is the difference between reading a file with open versus using pandas?";
const READ_CSV_REFERENCE = "Using open gives you raw file access where you read line by line and parse data yourself. This is useful for custom file formats or when you need fine control. Pandas read_csv, on the other hand, automatically parses the data into a structured DataFrame with rows and columns, handles different data types, and provides many options for data cleaning during import. For machine learning, pandas is usually better because it saves time and provides immediate access to powerful data manipulation methods. Use open for simple text files or custom formats.";

describe('a row of actions linked only by a word common to the field is no procedure', () => {
  it('reads "parses the data…, handles data types, and provides options for data cleaning" as things read_csv offers', () => {
    const sentence = 'Pandas read_csv, on the other hand, automatically parses the data into a structured DataFrame with rows and columns, handles different data types, and provides many options for data cleaning during import.';
    expect(analyzeText(sentence).flatMap((part) => actionSeries(part, () => true))).toEqual([]);
    const groupby = 'The groupby operation splits data into groups based on column values, applies a function to each group, and combines results.';
    expect(analyzeText(groupby).flatMap((part) => actionSeries(part, () => true))).toHaveLength(3);
  });

  it('leaves alone an answer naming those capabilities in another order', async () => {
    const answer =
      'With open you parse the data yourself. With pandas, read_csv takes cleaning options such as na_values and dtype, then handles type conversion, and finally parses everything into a DataFrame, which is quicker for ML work.';
    const result = await createOfflineGrader().grade(input(READ_CSV, READ_CSV_REFERENCE, answer));
    expect(dimension(result, 'correctness').rationale).not.toMatch(/different order/);
    expect(result.improvements.join(' ')).not.toMatch(/order of the steps/);
  });
});
