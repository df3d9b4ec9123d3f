/**
 * The editor's elements, by n8n's own `data-test-id` attributes. Checked on n8n 1.123.81 and 2.41.1; where
 * the two differ, a selector lists both.
 */
export const sel = {
	signinEmail: 'input[name=emailOrLdapLoginId]',
	signinPassword: 'input[name=password]',
	signinSubmit: '[data-test-id=form-submit-button]',
	canvasNode: (name: string) => `[data-test-id=canvas-node][data-node-name=${JSON.stringify(name)}]`,
	anyCanvasNode: '[data-test-id=canvas-node]',
	openNodeCreator: '[data-test-id=node-creator-plus-button]',
	nodeCreatorSearch: '[data-test-id=node-creator-search-bar]',
	nodeCreatorItemName: '[data-test-id=node-creator-item-name]',
	ndv: '[data-test-id=ndv]',
	/** 1.x: "Back to canvas" at the top left; 2.x: a close button in the panel. */
	closeNdv: '[data-test-id=back-to-canvas], [data-test-id=ndv-close-button]',
	ndvParameters: '[data-test-id=node-parameters]',
	parameterInput: (name: string) => `[data-test-id=parameter-input-${name}]`,
	executeStep: '[data-test-id=node-execute-button]',
	outputPanel: '[data-test-id=output-panel]',
	outputItemCount: '[data-test-id=ndv-items-count]',
	outputSuccess: '[data-test-id=node-run-status-success]',
	locator: (name: string) => `[data-test-id=resource-locator-${name}]`,
	locatorInput: '[data-test-id=rlc-input]',
	// The dropdown sits inside the locator in both versions (1.x wraps it in resource-locator-dropdown, 2.x not).
	locatorSearch: (name: string) => `[data-test-id=resource-locator-${name}] input[data-test-id=rlc-search], [data-test-id=resource-locator-${name}] [data-test-id=rlc-search] input`,
	locatorItem: (name: string) => `[data-test-id=resource-locator-${name}] [data-test-id=rlc-item]`,
	credentialSelect: '[data-test-id=node-credentials-select]',
	credentialModal: '[data-test-id=editCredential-modal]',
	credentialSave: '[data-test-id=credential-save-button]',
} as const;
