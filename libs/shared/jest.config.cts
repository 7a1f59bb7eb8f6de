module.exports = {
  displayName: 'shared',
  preset: '../../jest.node.preset.js',
  coverageDirectory: '../../coverage/libs/shared',
};
